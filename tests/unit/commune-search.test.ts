// Finding a commune by name or postal code, as the listing and structure forms do.
import { describe, expect, it } from 'vitest';
import { communeText, exactCommune, searchCommunes } from '../../src/lib/ui/commune-search';

describe('searchCommunes', () => {
	it('puts the exact name first, then names starting with the text', () => {
		const names = searchCommunes('arras').map((c) => c.name);
		expect(names[0]).toBe('Arras');
	});

	it('ignores accents, case and hyphens', () => {
		expect(searchCommunes('etaples').map((c) => c.name)).toContain('Étaples');
		expect(searchCommunes('villeneuve d ascq')[0].name).toBe("Villeneuve-d'Ascq");
	});

	it('finds communes by postal code', () => {
		const found = searchCommunes('62000');
		expect(found.map((c) => c.insee)).toContain('62041');
	});

	it('returns nothing for an empty text and at most the limit', () => {
		expect(searchCommunes('  ')).toEqual([]);
		expect(searchCommunes('saint', 5)).toHaveLength(5);
	});

	it('reads back the text it shows for a chosen commune', () => {
		expect(communeText('62041')).toBe('Arras (62000)');
		expect(exactCommune(communeText('62041'))?.insee).toBe('62041');
	});
});
