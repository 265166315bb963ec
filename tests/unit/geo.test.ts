// Commune centres (GeoNames and the documented fallback), distances and offline geocoding.
import { describe, expect, it } from 'vitest';
import { communeCentres, type LatLon } from '../../scripts/commune-centres';
import { COMMUNES, communeByCode } from '../../src/lib/domain';
import {
	coordinateSource,
	coordinates,
	distanceKm,
	geocode,
	nearestCommune,
	withinRadius,
} from '../../src/lib/domain/geo';

const ARRAS = '62041';
const LILLE = '59350';

describe('commune centres', () => {
	it('places known communes where they are', () => {
		const arras = coordinates(ARRAS)!;
		expect(arras[0]).toBeCloseTo(50.29, 1);
		expect(arras[1]).toBeCloseTo(2.78, 1);
		const lille = coordinates(LILLE)!;
		expect(lille[0]).toBeCloseTo(50.63, 1);
		expect(lille[1]).toBeCloseTo(3.06, 1);
		expect(coordinateSource(ARRAS)).toBe('geonames');
	});

	it('gives every commune of Nord and Pas-de-Calais a centre inside the two departments', () => {
		for (const c of COMMUNES) {
			expect(c.centre[0], c.name).toBeGreaterThan(49.9);
			expect(c.centre[0], c.name).toBeLessThan(51.1);
			expect(c.centre[1], c.name).toBeGreaterThan(1.5);
			expect(c.centre[1], c.name).toBeLessThan(4.3);
		}
		expect(COMMUNES.filter((c) => c.centreSource === 'geonames').length).toBeGreaterThan(800);
	});

	it('estimates a centre GeoNames lacks from the communes sharing its postal code', () => {
		const estimated = COMMUNES.find((c) => c.centreSource === 'postal')!;
		const sharing = COMMUNES.filter(
			(c) => c.centreSource === 'geonames' && c.postalCodes.some((p) => estimated.postalCodes.includes(p)),
		);
		expect(sharing.length).toBeGreaterThan(0);
		const lat = sharing.reduce((s, c) => s + c.centre[0], 0) / sharing.length;
		expect(estimated.centre[0]).toBeCloseTo(lat, 3);
	});
});

describe('the fallback for communes without coordinates', () => {
	const commune = (insee: string, postalCodes: string[], epci: string, department = '62') => ({
		insee,
		postalCodes,
		epci,
		department,
	});
	const communes = [
		commune('a', ['62000'], 'e1'),
		commune('b', ['62000', '62100'], 'e1'),
		commune('c', ['62100'], 'e1'),
		commune('d', ['62200'], 'e1'),
		commune('e', ['62300'], 'e2'),
		commune('f', ['62400'], 'e3'),
		commune('g', ['59000'], 'e4', '59'),
	];
	const known = new Map<string, LatLon>([
		['a', [50, 2]],
		['c', [51, 3]],
		['e', [50.4, 2.4]],
	]);
	const centres = communeCentres(communes, known);

	it('keeps GeoNames centres as they are', () => {
		expect(centres.get('a')).toEqual({ at: [50, 2], source: 'geonames' });
	});

	it('takes the mean of the communes sharing any of its postal codes first', () => {
		expect(centres.get('b')).toEqual({ at: [50.5, 2.5], source: 'postal' });
	});

	it('then the mean of its intercommunality, then of its department', () => {
		expect(centres.get('d')).toEqual({ at: [50.5, 2.5], source: 'epci' });
		const f = centres.get('f')!;
		expect(f.source).toBe('department');
		expect(f.at[0]).toBeCloseTo(50.4667, 3);
	});

	it('leaves out a commune nothing can place', () => {
		expect(centres.has('g')).toBe(false);
	});
});

describe('distances', () => {
	it('measures kilometres between communes, or from a position', () => {
		expect(distanceKm(ARRAS, LILLE)).toBeGreaterThan(38);
		expect(distanceKm(ARRAS, LILLE)).toBeLessThan(45);
		expect(distanceKm(ARRAS, ARRAS)).toBe(0);
		expect(distanceKm([50.29, 2.78], ARRAS)).toBeLessThan(1);
		expect(withinRadius(ARRAS, LILLE, 50)).toBe(true);
		expect(withinRadius(ARRAS, LILLE, 30)).toBe(false);
		expect(withinRadius([50.63, 3.06], LILLE, 2)).toBe(true);
	});

	it('finds the commune nearest to a position', () => {
		expect(nearestCommune([50.2915, 2.7775]).insee).toBe(ARRAS);
	});
});

describe('offline geocoding', () => {
	it('finds a commune and its centre by name, with or without accents and hyphens', () => {
		const [first] = geocode('arras');
		expect(first.commune.insee).toBe(ARRAS);
		expect(first.at).toEqual(communeByCode(ARRAS)!.centre);
		expect(geocode('villeneuve d ascq')[0].commune.name).toBe("Villeneuve-d'Ascq");
		expect(geocode('Béthune')[0].commune.insee).toBe('62119');
		expect(geocode('Arras (62000)')[0].commune.insee).toBe(ARRAS);
	});

	it('finds communes by postal code or INSEE code, biggest first', () => {
		expect(geocode('62000').map((g) => g.commune.insee)).toContain(ARRAS);
		expect(geocode('59000')[0].commune.insee).toBe(LILLE);
		expect(geocode('62041')[0].commune.insee).toBe(ARRAS);
		expect(geocode('zzzz')).toEqual([]);
	});
});
