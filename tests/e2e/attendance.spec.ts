// The animator's attendance page (/animation/presences): an event of last week with two places
// taken, one of them honoured, and a walk-in from a structure outside the directory; its lines per
// event and per structure, and both CSV downloads. The event and its documents are the test's own.
import { readFile } from 'node:fs/promises';
import { type Download, expect, type Locator, type Page, test } from '@playwright/test';
import { signIn } from './helpers';
import { ANIMATOR, idsStartingWith, removeAsAnimator, writeAsAnimator } from './staff-docs';

const stamp = Date.now().toString(36);
const key = `zz-essai-presences-${stamp}`;
const TITLE = `Atelier d’essai des présences ${stamp}`;
const WALKIN_STRUCTURE = `Ferme d’essai ${stamp}`;
const STRUCTURE = 'structure:zz-essai-presences';

/**
 * A walk-in's check-in id as the door screen computes it (FNV-1a of name and structure): the
 * server refuses any other, so a drift of the rule fails here loudly. The domain module cannot be
 * imported by Playwright's loader (it reads JSON without import attributes).
 */
function walkinCheckinId(who: { name: string; structureName: string }): string {
	const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
	const identity = `${norm(who.name)}|${norm(who.structureName)}`;
	let h = 0x811c9dc5;
	for (let i = 0; i < identity.length; i++) {
		h ^= identity.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	const slug = norm(who.name).replace(/[^a-z0-9]+/g, '-');
	return `checkin:${key}~walkin-${slug}-${h.toString(36).padStart(7, '0')}`;
}

function documents() {
	const start = new Date(Date.now() - 7 * 86_400_000);
	start.setUTCHours(8, 0, 0, 0);
	const end = new Date(start.getTime() + 2 * 3_600_000);
	const at = (minutes: number) => new Date(start.getTime() - minutes * 60_000).toISOString();
	// Staff only: no member's agenda shows it while the test runs.
	const event = {
		_id: `event:${key}`,
		type: 'event' as const,
		schema: 1 as const,
		owner: 'network',
		audience: 'staff' as const,
		createdAt: at(20_000),
		updatedAt: at(20_000),
		kind: 'breakfast' as const,
		title: TITLE,
		description: '',
		start: start.toISOString(),
		end: end.toISOString(),
		address: '1 place du Théâtre',
		commune: '62041',
		capacity: 10,
	};
	const scope = { schema: 1 as const, event: event._id };
	const came = { person: `person:${key}-1`, structure: STRUCTURE, name: 'Inès Présente' };
	const absent = { person: `person:${key}-2`, structure: STRUCTURE, name: 'Hugo Absent' };
	const registrations = [came, absent].map((who, i) => ({
		...scope,
		_id: `registration:${key}~${who.person.slice('person:'.length)}`,
		type: 'registration',
		owner: STRUCTURE,
		audience: 'participants',
		participants: [],
		createdAt: at(10_000 - i),
		updatedAt: at(10_000 - i),
		...who,
		status: 'registered',
		registeredAt: at(10_000 - i),
	}));
	const door = { ...scope, type: 'checkin', owner: 'network', audience: 'staff', devices: ['essai'] };
	const walkin = { name: 'Paul Sanscarte', structureName: WALKIN_STRUCTURE };
	const checkins = [
		{
			...door,
			_id: `checkin:${key}~${came.person.slice('person:'.length)}`,
			...came,
			method: 'search',
			at: at(-5),
			createdAt: at(-5),
			updatedAt: at(-5),
		},
		{
			...door,
			_id: walkinCheckinId(walkin),
			...walkin,
			method: 'walkin',
			at: at(-10),
			createdAt: at(-10),
			updatedAt: at(-10),
		},
	];
	return { event, others: [...registrations, ...checkins] };
}

/** The cells of the table row whose header cell is `name`. */
const rowOf = (table: Locator, name: string) =>
	table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name }) });

/** The CSV line whose cells include `needle`, split on the `;` the export uses. */
async function csvLine(download: Download, needle: string): Promise<{ header: string[]; line: string[] }> {
	const text = await readFile(await download.path(), 'utf8');
	const [header, ...lines] = text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	const line = lines.find((l) => l.split(';').includes(needle));
	expect(line, text).toBeDefined();
	return { header: header.split(';'), line: (line ?? '').split(';') };
}

async function downloadOf(page: Page, button: string): Promise<Download> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: button }).click(),
	]);
	return download;
}

test('the animator sees last week’s event with its registered, present, walk-ins and absent, per structure too, and downloads both CSVs', async ({
	page,
	request,
}) => {
	test.setTimeout(240_000);
	const { event, others } = documents();
	try {
		// The event first: the server checks check-ins and registrations against it.
		await writeAsAnimator(request, [event]);
		await writeAsAnimator(request, others);
		await signIn(page, ANIMATOR);
		await page.goto('/animation/presences');
		await expect(page.getByRole('heading', { level: 1, name: 'Présences aux événements' })).toBeVisible();

		const byEvent = page.getByRole('table', { name: 'Présences par événement' });
		const line = rowOf(byEvent, TITLE);
		// Inscrits, Présents, Sans inscription, Absents.
		await expect(line.getByRole('cell')).toHaveText([/\S/, '2', '2', '1', '1']);

		const byStructure = page.getByRole('table', { name: 'Présences par structure' });
		const walkins = rowOf(byStructure, `${WALKIN_STRUCTURE} (hors annuaire)`);
		await expect(walkins.getByRole('cell')).toHaveText(['1', '1', new RegExp(`· ${TITLE}$`)]);

		const events = await csvLine(await downloadOf(page, 'Exporter en CSV (par événement)'), TITLE);
		const cell = (name: string) => events.line[events.header.indexOf(name)];
		expect(events.header).toContain('Inscrits absents');
		expect(cell('Type')).toBe('Petit-déjeuner');
		expect(cell('Places')).toBe('10');
		expect(cell('Inscrits')).toBe('2');
		expect(cell('Présents')).toBe('2');
		expect(cell('Sans inscription')).toBe('1');
		expect(cell('Inscrits absents')).toBe('1');

		const structures = await csvLine(
			await downloadOf(page, 'Exporter en CSV (par structure)'),
			WALKIN_STRUCTURE,
		);
		expect(structures.line).toEqual([WALKIN_STRUCTURE, 'non', '1', '1', TITLE, expect.any(String)]);
		expect(structures.header[0]).toBe('Structure');
	} finally {
		const mine = [`checkin:${key}~`, `registration:${key}~`];
		const ids = (await Promise.all(mine.map((prefix) => idsStartingWith(request, prefix)))).flat();
		await removeAsAnimator(request, [...ids, event._id]);
	}
});
