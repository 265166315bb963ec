// The directory as CSV over HTTP: the animator imports a spreadsheet (`?dryRun=1` to see the report
// first, `?invite=1` to invite the new people who have an e-mail); anyone exports what they may read (e-mails and phones for members and staff only). The
// app sends the file as multipart/form-data (field `file`), scripts with HTTP Basic as the raw CSV.
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { canRead, seesMembersOnly } from '../../src/lib/domain';
import { decodeCsv, exportDirectory } from '../../src/lib/domain/csv';
import type { ViewerEnv } from '../auth/viewer';
import type { Couch } from '../couch/context';
import { HttpError, tooLarge } from '../errors';
import type { Invitations } from '../invitations';
import { inviteesOf, inviteImported } from '../invitations/from-import';
import { importDirectory } from './import';
import { readDirectory } from './store';

export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;
const CSV_TYPES = /^(text\/csv|text\/plain|application\/vnd\.ms-excel|application\/octet-stream)\s*(;|$)/i;

export function directoryCsvRoutes(
	couch: Couch,
	invitations?: { service: Invitations; accounts: PouchDB.Database },
): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	routes.use('/import', bodyLimit({ maxSize: IMPORT_BODY_LIMIT, onError: () => Promise.reject(tooLarge()) }));

	routes.post('/import', async (c) => {
		const viewer = c.get('viewer');
		if (viewer.role !== 'animator')
			throw new HttpError(403, 'forbidden', 'L’import de l’annuaire est réservé à l’équipe d’animation.');
		const csv = decodeCsv(await readUpload(c));
		const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '');
		// « inviter »: the new people with an e-mail get an invitation once their row is written.
		const invite = !dryRun && !!invitations && ['1', 'true'].includes(c.req.query('invite') ?? '');
		const invitees = invite ? inviteesOf(csv, await readDirectory(couch.db)) : [];
		const report = await importDirectory(couch, viewer, csv, { dryRun });
		if (!invite || !invitations) return c.json({ dryRun, ...report });
		const origin = new URL(c.req.url).origin;
		const { service, accounts } = invitations;
		const invited = await inviteImported(service, accounts, viewer, invitees, report, origin);
		return c.json({ dryRun, ...report, invited });
	});

	routes.get('/export.csv', async (c) => {
		const viewer = c.get('viewer');
		const docs = (await readDirectory(couch.db)).filter((doc) => canRead(viewer, doc));
		const csv = exportDirectory(docs, { contacts: seesMembersOnly(viewer) });
		const day = new Date().toISOString().slice(0, 10);
		return c.body(csv, 200, {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="annuaire-elbasar-${day}.csv"`,
			'cache-control': 'no-store',
		});
	});
	return routes;
}

const MULTIPART = /^multipart\/form-data\s*;/i;

/** The bytes of the spreadsheet, from a form's `file` field or the raw body. */
async function readUpload(c: Context): Promise<Uint8Array> {
	const type = c.req.header('content-type') ?? '';
	if (CSV_TYPES.test(type)) return new Uint8Array(await c.req.arrayBuffer());
	if (!MULTIPART.test(type))
		throw new HttpError(
			415,
			'bad_content_type',
			'Type de contenu non pris en charge : fichier CSV attendu (multipart/form-data ou text/csv).',
		);
	// A malformed form is a TypeError; the body limit's own error goes on to its 413.
	const form = await c.req.formData().catch((err) => {
		throw err instanceof TypeError ? new HttpError(400, 'bad_request', 'Formulaire illisible.') : err;
	});
	const file = form.get('file');
	if (!(file instanceof File)) throw new HttpError(400, 'bad_request', 'Fichier CSV attendu (champ file).');
	return new Uint8Array(await file.arrayBuffer());
}
