// The pictogram of each sector, shown on a listing's card when it has no photo. One table, so a new
// sector in the domain without an icon fails the type check here.
import {
	Apple,
	Baby,
	Bed,
	Bike,
	Briefcase,
	Calculator,
	GraduationCap,
	HandHeart,
	Handshake,
	HeartPulse,
	House,
	Laptop,
	Leaf,
	Megaphone,
	Palette,
	PiggyBank,
	Recycle,
	Rocket,
	Shirt,
	Sprout,
	Store,
	Utensils,
	Volleyball,
} from '@lucide/svelte';
import type { SectorId } from '../domain';

export const SECTOR_ICONS: Record<SectorId, typeof Apple> = {
	alimentation: Apple,
	agriculture: Sprout,
	restauration: Utensils,
	commerce: Store,
	reemploi: Recycle,
	environnement: Leaf,
	mobilite: Bike,
	habitat: House,
	culture: Palette,
	education: GraduationCap,
	insertion: Briefcase,
	social: HeartPulse,
	enfance: Baby,
	aines: HandHeart,
	sport: Volleyball,
	tourisme: Bed,
	numerique: Laptop,
	communication: Megaphone,
	gestion: Calculator,
	finance: PiggyBank,
	textile: Shirt,
	accompagnement: Rocket,
};

/** The sector's pictogram; a handshake for a sector this table does not know (an old document). */
export const sectorIcon = (sector: string): typeof Apple => SECTOR_ICONS[sector as SectorId] ?? Handshake;
