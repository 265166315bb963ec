// What the map draws, independent of any page: the departments' outlines (shipped with the app, so
// they show offline), one marker per commune holding results, clustered, and their popups.
// Markers are divIcons: no image to fetch, so nothing is missing without a network.
/// <reference types="leaflet.markercluster" />
import type * as Leaflet from 'leaflet';
import { communeByCode } from '../domain';
import { listingHref, structureHref } from '../hrefs';
import { m } from '../i18n';
import type { CommunePoint } from '../search/protocol';
import outlines from './outlines.json';

type L = typeof Leaflet;

/** Online only: the OpenStreetMap standard tiles (their usage policy asks for this attribution). */
export const TILES_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const attribution = () =>
	`© <a href="https://www.openstreetmap.org/copyright">${m.search_map_attribution()}</a>`;
/** A missing tile (network gone) shows nothing rather than a broken image. */
const BLANK = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';

export function outlineLayer(L: L): Leaflet.GeoJSON {
	return L.geoJSON(outlines as GeoJSON.FeatureCollection, {
		style: { className: 'map-outline', color: '#1d6b4f', weight: 2, fillColor: '#1d6b4f', fillOpacity: 0.05 },
		interactive: false,
	});
}

export function tileLayer(L: L): Leaflet.TileLayer {
	const tiles = L.tileLayer(TILES_URL, { attribution: attribution(), maxZoom: 18, errorTileUrl: BLANK });
	// Tiles that fail (offline, weak link) are left blank: the outlines and points still say where things are.
	tiles.on('tileerror', () => undefined);
	return tiles;
}

/** Clusters add up the results of the communes they gather. */
export function clusterGroup(L: L): Leaflet.MarkerClusterGroup {
	return L.markerClusterGroup({
		showCoverageOnHover: false,
		maxClusterRadius: 50,
		iconCreateFunction: (cluster) => {
			const count = cluster
				.getAllChildMarkers()
				.reduce((sum, m) => sum + ((m.options as { count?: number }).count ?? 1), 0);
			return L.divIcon({
				className: 'map-cluster',
				html: `<span>${count}</span>`,
				iconSize: [44, 44],
			});
		},
	});
}

const hrefOf = (id: string) => (id.startsWith('listing:') ? listingHref(id) : structureHref(id));

export function communeMarker(L: L, point: CommunePoint, moreHref: string): Leaflet.Marker {
	const name = communeByCode(point.commune)?.name ?? point.commune;
	const label = m.search_map_point({ name, count: point.count });
	const marker = L.marker(
		point.at as [number, number],
		{
			icon: L.divIcon({ className: 'map-point', html: `<span>${point.count}</span>`, iconSize: [32, 32] }),
			title: label,
			alt: label,
			keyboard: true,
			count: point.count,
		} as Leaflet.MarkerOptions & { count: number },
	);
	marker.bindPopup(() => popup(point, name, moreHref));
	return marker;
}

/** Built as DOM, never as HTML text: titles are the members' own words. */
function popup(point: CommunePoint, name: string, moreHref: string): HTMLElement {
	const box = document.createElement('div');
	const title = document.createElement('p');
	title.className = 'map-popup-title';
	title.textContent = m.search_map_popup_title({ name, count: point.count });
	const list = document.createElement('ul');
	for (const hit of point.hits) {
		const item = document.createElement('li');
		const link = document.createElement('a');
		link.href = hrefOf(hit.id);
		link.textContent =
			hit.type === 'listing'
				? m.search_map_hit_listing({ title: hit.title })
				: m.search_map_hit_structure({ title: hit.title });
		item.append(link);
		list.append(item);
	}
	box.append(title, list);
	if (point.count > point.hits.length) {
		const more = document.createElement('a');
		more.href = moreHref;
		more.textContent = m.search_map_more({ count: point.count, name });
		box.append(more);
	}
	return box;
}
