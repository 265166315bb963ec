// The server's log: LOG_LEVEL checked with the rest of the configuration, one line per request
// with the viewer's role and no secret from the query, and every refused write with its reason.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { createLog } from '../../server/log';
import { call, listing, PEOPLE, postJson, useTestServer } from './helpers';

const server = useTestServer();

/** The log lines written since `from`. */
const linesSince = (from: number) => server.log.slice(from);

describe('LOG_LEVEL', () => {
	it('takes error, warn, info or debug, and refuses anything else naming the variable', () => {
		for (const level of ['error', 'warn', 'info', 'debug'] as const)
			expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
		expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
		expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL="verbose" : doit valoir/);
	});

	it('is info by default, and warn under tests so that a test run stays readable', () => {
		expect(loadConfig({}).logLevel).toBe('info');
		expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('warn');
		expect(loadConfig({ VITEST: 'true' }).logLevel).toBe('warn');
	});

	it('drops the lines under the level', () => {
		const kept: string[] = [];
		const log = createLog('warn', (level, line) => kept.push(`${level} ${line}`));
		log.debug('détail');
		log.info('requête');
		log.warn('attention');
		log.error('panne');
		expect(kept).toEqual(['warn attention', 'error panne']);
	});
});

describe('the request log', () => {
	it('writes one line per request: method, path, status, time and the viewer’s role', async () => {
		const from = server.log.length;
		await call(server, '/db/elbasar', { as: PEOPLE.lea });
		await call(server, '/api/card');
		await call(server, '/api/health');
		expect(linesSince(from)).toEqual([
			expect.stringMatching(/^GET \/db\/elbasar 200 \d+ms member$/),
			expect.stringMatching(/^GET \/api\/card 401 \d+ms visitor$/),
			// Health needs no viewer: none is resolved.
			expect.stringMatching(/^GET \/api\/health 200 \d+ms -$/),
		]);
	});

	it('never writes the secret of a personal agenda link', async () => {
		const from = server.log.length;
		await call(server, '/api/agenda.ics?token=tres-secret&x=1');
		expect(linesSince(from)).toEqual([
			expect.stringMatching(/^GET \/api\/agenda\.ics\?token=\*\*\*&x=1 401 /),
		]);
		expect(server.log.join('\n')).not.toContain('tres-secret');
	});
});

describe('refused writes', () => {
	it('are logged one per document, with the id and the reason, from _bulk_docs, PUT and DELETE', async () => {
		const foreign = listing('log-relais', 'structure:le-relais', { title: 'Pas à La Pioche' });
		const mine = listing('log-pioche', 'structure:la-pioche', { title: 'À La Pioche' });
		const from = server.log.length;
		const bulk = await call(
			server,
			'/db/elbasar/_bulk_docs',
			postJson({ docs: [foreign, mine] }, PEOPLE.lea),
		);
		const put = await call(server, `/db/elbasar/${foreign._id}`, {
			...postJson(foreign, PEOPLE.lea),
			method: 'PUT',
		});
		const stored = await server.stores.db.get('listing:relais-local');
		const del = await call(server, `/db/elbasar/listing:relais-local?rev=${stored._rev}`, {
			method: 'DELETE',
			as: PEOPLE.lea,
		});
		expect([bulk.body[0], put.body, del.body]).toEqual([
			expect.objectContaining({ error: 'forbidden' }),
			expect.objectContaining({ error: 'forbidden' }),
			expect.objectContaining({ error: 'forbidden' }),
		]);
		const refusals = linesSince(from).filter((line) => line.startsWith('write forbidden'));
		expect(refusals).toEqual([
			`write forbidden listing:log-relais (member): ${(bulk.body[0] as { reason: string }).reason}`,
			`write forbidden listing:log-relais (member): ${put.body.reason}`,
			`write forbidden listing:relais-local (member): ${del.body.reason}`,
		]);
		// The accepted listing is not among them; it is removed again for the tests after this one.
		const saved = await server.stores.db.get(mine._id);
		await server.stores.db.remove(saved);
	});
});
