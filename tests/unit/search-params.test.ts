// A search in the address bar: read back as it was written, old or wrong values dropped, so a shared
// or saved link opens the same search.
import { describe, expect, it } from 'vitest';
import { paramsOf, searchHref, stateFromParams } from '../../src/lib/search/params';

const read = (query: string) => stateFromParams(new URLSearchParams(query));

describe('a search in the address bar', () => {
	it('round-trips words, type, filters, distance and view', () => {
		const state = {
			q: 'salle de réunion',
			filters: {
				type: 'listing' as const,
				kind: 'offer' as const,
				nature: 'pooling',
				sector: 'culture',
				department: '62' as const,
				commune: '62041',
				radius: 20,
			},
			view: 'carte' as const,
		};
		const href = searchHref(state);
		expect(href).toBe(
			'/recherche?q=salle+de+r%C3%A9union&type=annonces&kind=offer&nature=pooling&sector=culture&department=62&commune=62041&radius=20&view=carte',
		);
		expect(read(href.split('?')[1])).toEqual(state);
	});

	it('keeps a position to about a hundred metres, and a commune wins over it', () => {
		const around = read('pos=50.29104,2.77758&radius=10');
		expect(around.filters).toEqual({ position: [50.29104, 2.77758], radius: 10 });
		expect(paramsOf({ q: '', filters: { position: [50.29104, 2.77758], radius: 10 } }).get('pos')).toBe(
			'50.291,2.778',
		);
		expect(read('pos=50.29,2.77&commune=59350&radius=5').filters).toEqual({ commune: '59350', radius: 5 });
	});

	it('drops what it does not know: a commune outside the region, an unknown sector, a radius alone', () => {
		expect(read('commune=75056&sector=astronautique&nature=vol&radius=10&type=evenements').filters).toEqual(
			{},
		);
		expect(read('commune=59350&radius=9999').filters).toEqual({ commune: '59350' });
		expect(read('view=autre').view).toBe('liste');
		expect(searchHref({ q: '  ', filters: {} })).toBe('/recherche');
	});
});
