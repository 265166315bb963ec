// Generators of requests for the fuzz tests (fuzz.test.ts): methods, /db and /api paths with odd
// segments, query parameters with odd values, JSON shaped like CouchDB bodies and bodies that are
// not JSON, content types and encodings, origins, and who sends them.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { JARDINS, PIOCHE, RELAIS } from './fixtures';

/** Who sends a request: a visitor, or a member or the animator with HTTP Basic or a session cookie. */
export type Sender = 'visitor' | 'lea-basic' | 'lea-cookie' | 'anne-basic' | 'anne-cookie' | 'stranger-basic';
export type Origin = 'none' | 'app' | 'foreign' | 'null';

export interface FuzzRequest {
	method: string;
	path: string;
	sender: Sender;
	origin: Origin;
	site?: 'same-origin' | 'same-site' | 'cross-site' | 'none';
	headers: Record<string, string>;
	body?: Uint8Array;
}

/** The `_local` ids requests may touch: few, so that the test can look at each of them. */
export const LOCAL_IDS = ['fuzz', 'fuzz%2Fdeux', '%C3%A9t%C3%A9', '%zz'];

const ODD_SEGMENTS = [
	'',
	'_',
	'.',
	'..',
	'%',
	'%zz',
	'%00',
	'%2F',
	'%2e%2e',
	'%C3%A9',
	'null',
	'-1',
	'x'.repeat(320),
];
const DOC_IDS = [
	'listing:pioche-velo',
	'structure:la-pioche',
	'event:apero-lille',
	'listing:fuzz-nouvelle',
	'person:fuzz',
	'contact:fuzz',
	'_design/fuzz',
	'_local/fuzz',
	'_bulk_docs',
	'account:anne@apes.test',
	'session:fuzz',
	'',
	'listing:',
];

const encode = (text: string) => encodeURIComponent(text);
const segment = fc.oneof(
	fc.constantFrom(...ODD_SEGMENTS),
	fc.constantFrom(...DOC_IDS).map(encode),
	fc.string({ maxLength: 12 }).map(encode),
	fc.string({ unit: 'binary', maxLength: 6 }).map(encode),
);
const docId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...DOC_IDS) }, fc.string({ maxLength: 20 }));
const rev = fc.oneof(
	fc.constantFrom('1-abc', '0-1', '2-', '-', 'x', `1-${'f'.repeat(32)}`, '999999999999999999999-a'),
	fc.string({ maxLength: 10 }),
);

const DB_ROUTES = [
	'/db',
	'/db/',
	'/db/_all_dbs',
	'/db/_up',
	'/db/_session',
	'/db/autre',
	'/db/elbasar',
	'/db/elbasar/',
	'/db/elbasar/_changes',
	'/db/elbasar/_all_docs',
	'/db/elbasar/_bulk_docs',
	'/db/elbasar/_bulk_get',
	'/db/elbasar/_revs_diff',
	'/db/elbasar/_drops',
	'/db/elbasar/_design/fuzz',
	'/db/elbasar/_ensure_full_commit',
	'/db/elbasar/_purge',
	'/db/elbasar/_find',
];
const API_ROUTES = [
	'/api',
	'/api/health',
	'/api/session',
	'/api/account/locale',
	'/api/card',
	'/api/search',
	'/api/agenda.ics',
	'/api/agenda/subscription',
	'/api/events/apero-lille/places',
	'/api/events/apero-lille/guests',
	'/api/events/apero-lille.ics',
	'/api/events/guests/cancel',
	'/api/directory/import',
	'/api/directory/export.csv',
];

const path = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...DB_ROUTES) },
	{ weight: 5, arbitrary: fc.constantFrom(...API_ROUTES) },
	{ weight: 2, arbitrary: fc.constantFrom(...LOCAL_IDS).map((id) => `/db/elbasar/_local/${id}`) },
	{ weight: 3, arbitrary: segment.map((s) => `/db/elbasar/${s}`) },
	{ weight: 1, arbitrary: fc.tuple(docId, segment).map(([id, s]) => `/db/elbasar/${encode(id)}/${s}`) },
	{ weight: 1, arbitrary: segment.map((s) => `/api/${s}`) },
	{ weight: 1, arbitrary: fc.tuple(segment, segment).map(([a, b]) => `/api/events/${a}/${b}`) },
);

const PARAMS = [
	'since',
	'limit',
	'feed',
	'style',
	'include_docs',
	'conflicts',
	'attachments',
	'keys',
	'key',
	'startkey',
	'endkey',
	'start_key',
	'end_key',
	'descending',
	'skip',
	'open_revs',
	'revs',
	'revs_info',
	'rev',
	'latest',
	'new_edits',
	'heartbeat',
	'timeout',
	'filter',
	'doc_ids',
	'dryRun',
	'q',
	'type',
	'nature',
	'sector',
	'commune',
	'radius',
	'lat',
	'lon',
	'token',
	'batch_size',
];
const VALUES = [
	'true',
	'false',
	'',
	'0',
	'-1',
	'1e3',
	'999999999999999999999',
	'now',
	'all',
	'[]',
	'["listing:pioche-velo"]',
	'{"a":1}',
	'[',
	'null',
	'"x"',
	'longpoll',
	'normal',
	'continuous',
	'eventsource',
	'all_docs',
	'main_only',
	'_doc_ids',
	'listing:pioche-velo',
	'1-abc',
	'abc-12',
	'NaN',
];
const query = fc
	.tuple(
		fc.dictionary(
			fc.constantFrom(...PARAMS),
			fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 8 })),
			{
				maxKeys: 4,
			},
		),
		fc.constantFrom('', '', '', '&%zz', '&since=%', '&&', '&=', '&keys'),
	)
	.map(([params, raw]) => {
		// A longpoll waits up to a minute: keep the fuzz quick.
		if ('feed' in params) params.timeout = '5';
		const text = Object.entries(params)
			.map(([k, v]) => `${k}=${encode(v)}`)
			.join('&');
		return text || raw ? `?${text}${raw}` : '';
	});

const doc = fc.record(
	{
		_id: docId,
		_rev: rev,
		_deleted: fc.boolean(),
		_revisions: fc.record({
			start: fc.integer({ min: -1, max: 5 }),
			ids: fc.array(fc.string({ maxLength: 6 })),
		}),
		_attachments: fc.dictionary(
			fc.string({ maxLength: 8 }),
			fc.record({ content_type: fc.string({ maxLength: 10 }), data: fc.string({ maxLength: 12 }) }),
			{ maxKeys: 2 },
		),
		type: fc.constantFrom('listing', 'structure', 'person', 'contact', 'membership', 'event', 'account', 'x'),
		owner: fc.constantFrom(PIOCHE, RELAIS, JARDINS, 'network', 'structure:inconnue', ''),
		audience: fc.constantFrom('public', 'members', 'owner', 'staff', 'participants', 'x'),
		schema: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 0 })),
		title: fc.string({ maxLength: 20 }),
		extra: fc.jsonValue({ maxDepth: 2 }),
	},
	{ requiredKeys: [] },
);

const jsonBody = fc.oneof(
	fc.jsonValue({ maxDepth: 3 }),
	fc.record({ docs: fc.array(doc, { maxLength: 3 }), new_edits: fc.boolean() }, { requiredKeys: [] }),
	fc.record({ keys: fc.array(fc.oneof(docId, fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }) }),
	fc.dictionary(docId, fc.oneof(fc.array(rev, { maxLength: 2 }), fc.jsonValue({ maxDepth: 1 })), {
		maxKeys: 3,
	}),
	fc.record({ docs: fc.array(fc.record({ id: docId, rev }, { requiredKeys: [] }), { maxLength: 3 }) }),
	fc.record({ doc_ids: fc.oneof(fc.array(docId, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })) }),
	fc.record(
		{ held: fc.array(docId), dropped: fc.array(docId), scope: fc.string(), since: fc.oneof(fc.nat(), rev) },
		{ requiredKeys: [] },
	),
	fc.record({ email: fc.oneof(fc.emailAddress(), fc.string()), password: fc.string() }, { requiredKeys: [] }),
	fc.record({ locale: fc.oneof(fc.constantFrom('fr', 'en', 'de', ''), fc.jsonValue({ maxDepth: 1 })) }),
	fc.record(
		{ name: fc.string(), structureName: fc.string(), email: fc.string(), token: fc.string() },
		{ requiredKeys: [] },
	),
	doc,
);

const bytes = (text: string) => new TextEncoder().encode(text);
const BOUNDARY = 'fuzzboundary';
const multipart = (content: string) =>
	bytes(
		`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
			`Content-Type: text/csv\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`,
	);

/** A body with the content type and encoding it is sent with, each sometimes wrong. */
const body = fc.oneof(
	{ weight: 3, arbitrary: fc.constant({ headers: {}, body: undefined }) },
	{
		weight: 6,
		arbitrary: fc
			.tuple(jsonBody, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'))
			.map(([value, type]) => ({ headers: { 'content-type': type }, body: bytes(JSON.stringify(value)) })),
	},
	{
		weight: 1,
		arbitrary: jsonBody.map((value) => ({
			headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
			body: new Uint8Array(gzipSync(JSON.stringify(value))),
		})),
	},
	{
		weight: 2,
		arbitrary: fc
			.tuple(
				fc.oneof(
					fc.string({ maxLength: 40 }),
					jsonBody.map((value) => JSON.stringify(value).slice(0, -1)),
					fc.constantFrom('{', '[', '"', 'null', '{"docs":', 'Nom;Commune\nLa Pioche;Lille\n'),
				),
				fc.constantFrom(
					'application/json',
					'text/plain',
					'application/x-www-form-urlencoded',
					'text/csv',
					'application/jsonx',
					';;',
					'multipart/form-data',
				),
				fc.constantFrom(undefined, undefined, 'gzip', 'deflate', 'br', 'identity', 'x'),
			)
			.map(([text, type, encoding]) => ({
				headers: { 'content-type': type, ...(encoding ? { 'content-encoding': encoding } : {}) },
				body: bytes(text),
			})),
	},
	{
		weight: 1,
		arbitrary: fc.uint8Array({ maxLength: 64 }).map((raw) => ({ headers: {}, body: raw })),
	},
	{
		weight: 1,
		arbitrary: fc
			.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Nom;Commune\n;\n', 'Nom\n\u0000\n'))
			.map((csv) => ({
				headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
				body: multipart(csv),
			})),
	},
);

const method = fc.oneof(
	{ weight: 12, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') },
	{ weight: 2, arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'PATCH', 'PROPFIND', 'COPY', 'QUERY', 'TRACE') },
);

const sender = fc.oneof(
	{ weight: 3, arbitrary: fc.constant<Sender>('visitor') },
	{ weight: 6, arbitrary: fc.constantFrom<Sender>('lea-basic', 'lea-cookie', 'anne-basic', 'anne-cookie') },
	{ weight: 1, arbitrary: fc.constant<Sender>('stranger-basic') },
);

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
	.record({
		method,
		path: fc.tuple(path, query).map(([p, q]) => p + q),
		sender,
		origin: fc.constantFrom<Origin>('none', 'none', 'app', 'foreign', 'null'),
		site: fc.constantFrom(undefined, undefined, 'same-origin', 'same-site', 'cross-site', 'none'),
		accept: fc.constantFrom(undefined, 'application/json', 'multipart/mixed', 'text/html', '*/*'),
		body,
	})
	.map(({ body: sent, accept, ...request }) => ({
		...request,
		headers: { ...sent.headers, ...(accept ? { accept } : {}) },
		...(sent.body ? { body: sent.body } : {}),
	}));
