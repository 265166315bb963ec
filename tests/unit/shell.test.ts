// The shell's own logic: which navigation links each viewer gets, and the first sync's estimate.
import { describe, expect, it } from 'vitest';
import { firstSync } from '../../src/lib/sync/first-sync.svelte';
import { type NavViewer, navLinks } from '../../src/lib/ui/nav-links';

const visitor: NavViewer = { signedIn: false, hasStructure: false, staff: false, unread: 0, news: 0 };
const member: NavViewer = { signedIn: true, hasStructure: true, staff: false, unread: 2, news: 1 };

const labels = (v: NavViewer, where: 'tab' | 'top') =>
	navLinks(v)
		.filter((l) => l.where === where || l.where === 'both')
		.map((l) => l.label);

describe('navigation', () => {
	it('gives a visitor five tabs on a phone, ending with Connexion', () => {
		expect(labels(visitor, 'tab')).toEqual(['Accueil', 'Annonces', 'Recherche', 'Agenda', 'Connexion']);
		expect(labels(visitor, 'top')).toEqual(['Accueil', 'Annuaire', 'Annonces', 'Agenda', 'Connexion']);
	});

	it('puts a member’s unread messages on « Mon espace » and search news on « Recherche »', () => {
		const tabs = navLinks(member).filter((l) => l.where !== 'top');
		expect(tabs.map((l) => l.label)).toEqual(['Accueil', 'Annonces', 'Recherche', 'Agenda', 'Mon espace']);
		expect(tabs.find((l) => l.id === 'account')?.badge).toEqual({ count: 2, text: '2 non lus' });
		expect(tabs.find((l) => l.id === 'search')?.badge).toEqual({ count: 1, text: '1 nouveauté' });
		expect(labels(member, 'top')).toContain('Messages');
	});

	it('adds « Animation » for the team only', () => {
		expect(labels({ ...member, staff: true }, 'tab')).toContain('Animation');
		expect(labels({ ...member, staff: true }, 'top')).toContain('Animation');
		expect(navLinks(member).some((l) => l.id === 'animation')).toBe(false);
	});
});

describe('first sync', () => {
	it('estimates the time left from the pace since the first batch', () => {
		firstSync.begin();
		firstSync.serverTotal(10_000);
		expect(firstSync.secondsLeft(0)).toBeNull();
		firstSync.progress(1_000, 1_000);
		firstSync.progress(3_000, 3_000); // 2 000 records in 2 s: 1 000 a second
		expect(firstSync.secondsLeft(3_000)).toBe(7);
		expect(firstSync.ratio).toBeCloseTo(0.3);
		firstSync.received(2_048);
		expect(firstSync.bytes).toBe(2_048);
		firstSync.finish();
		expect(firstSync.active).toBe(false);
		expect(firstSync.tablesReady).toBe(true);
	});
});
