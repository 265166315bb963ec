// The main navigation, for who is looking: the tab bar of phones (`tab`), the links of wider
// screens (`top`), or both. Phones get five tabs (six for the team); the directory, messages and
// saved searches stay reachable from the home page, « Mon espace » and the search page.
import { m } from '../i18n';

export type NavId =
	| 'home'
	| 'directory'
	| 'listings'
	| 'search'
	| 'agenda'
	| 'account'
	| 'signin'
	| 'messages'
	| 'searches'
	| 'animation';

export interface NavLink {
	id: NavId;
	href: string;
	label: string;
	where: 'tab' | 'top' | 'both';
	/** A count beside the label, with its words for screen readers. */
	badge?: { count: number; text: string };
}

export interface NavViewer {
	signedIn: boolean;
	hasStructure: boolean;
	staff: boolean;
	/** Unread messages of the structure. */
	unread: number;
	/** News of its saved searches. */
	news: number;
}

export function navLinks(v: NavViewer): NavLink[] {
	const unread =
		v.hasStructure && v.unread > 0
			? { count: v.unread, text: m.common_badge_unread({ count: v.unread }) }
			: undefined;
	const news =
		v.hasStructure && v.news > 0
			? { count: v.news, text: m.common_badge_news({ count: v.news }) }
			: undefined;
	const links: (NavLink | false)[] = [
		{ id: 'home', href: '/', label: m.common_nav_home(), where: 'both' },
		{ id: 'directory', href: '/annuaire', label: m.common_nav_directory(), where: 'top' },
		{ id: 'listings', href: '/annonces', label: m.common_nav_listings(), where: 'both' },
		{ id: 'search', href: '/recherche', label: m.common_nav_search(), where: 'tab', badge: news },
		{ id: 'agenda', href: '/agenda', label: m.common_nav_agenda(), where: 'both' },
		v.signedIn
			? { id: 'account', href: '/espace', label: m.common_nav_account(), where: 'top' }
			: { id: 'signin', href: '/connexion', label: m.common_nav_signin(), where: 'both' },
		// On a phone « Mon espace » carries the unread messages (the messages are one tap further).
		v.signedIn && {
			id: 'account',
			href: '/espace',
			label: m.common_nav_account(),
			where: 'tab',
			badge: unread,
		},
		v.hasStructure && {
			id: 'messages',
			href: '/espace/conversations',
			label: m.common_nav_messages(),
			where: 'top',
			badge: unread,
		},
		v.hasStructure && {
			id: 'searches',
			href: '/recherche/enregistrees',
			label: m.common_nav_saved_searches(),
			where: 'top',
			badge: news,
		},
		v.staff && { id: 'animation', href: '/animation', label: m.common_nav_animation(), where: 'both' },
	];
	return links.filter((l): l is NavLink => l !== false);
}
