// The query tables follow the replica: incremental indexing, deletions, checkpoint resume,
// rebuild, conflicts — with PouchDB (IndexedDB adapter) and Dexie over fake-indexeddb.
import PouchDB from 'pouchdb-browser';
import { afterEach, describe, expect, test } from 'vitest';
import { openTables, TABLES_VERSION, type Tables } from '../../src/lib/local/db';
import { clearTables, Indexer } from '../../src/lib/local/indexer';
import { eventually, listing, structure } from './sync-fixtures';

let serial = 0;
const opened: { replica: PouchDB.Database; tables: Tables; indexer?: Indexer }[] = [];

function fresh(batchSize = 1000) {
	serial++;
	const replica = new PouchDB(`replica-${serial}`);
	const tables = openTables(`tables-${serial}`);
	const indexer = new Indexer(replica, tables, batchSize);
	opened.push({ replica, tables, indexer });
	return { replica, tables, indexer };
}

afterEach(async () => {
	for (const { replica, tables, indexer } of opened.splice(0).reverse()) {
		await indexer?.stop();
		await replica.destroy().catch(() => undefined);
		await tables.delete().catch(() => undefined);
	}
});

describe('the indexer', () => {
	test('puts each document in the table of its type, and only new changes on the next run', async () => {
		const { replica, tables, indexer } = fresh();
		await replica.bulkDocs([structure('la-pioche'), listing('velo'), { _id: '_design/x' }]);
		await indexer.catchUp();
		expect((await tables.structures.get('structure:la-pioche'))?.name).toBe('Structure la-pioche');
		expect(await tables.listings.where('sector').equals('reemploi').primaryKeys()).toEqual(['listing:velo']);

		const velo = await tables.listings.get('listing:velo');
		await replica.put({ ...velo, title: 'Vélo cargo à prêter' });
		await replica.put(listing('perceuse'));
		await indexer.catchUp();
		expect(await tables.listings.count()).toBe(2);
		expect((await tables.listings.get('listing:velo'))?.title).toBe('Vélo cargo à prêter');
		expect((await tables.listings.get('listing:velo'))?._rev).toMatch(/^2-/);
	});

	test('a deleted document leaves its table', async () => {
		const { replica, tables, indexer } = fresh();
		const { rev } = await replica.put(listing('velo'));
		await replica.put(listing('perceuse'));
		await indexer.catchUp();
		await replica.remove('listing:velo', rev);
		await indexer.catchUp();
		expect(await tables.listings.toCollection().primaryKeys()).toEqual(['listing:perceuse']);
	});

	test('indexes in batches, with the checkpoint written with the rows', async () => {
		const { replica, tables, indexer } = fresh(10);
		await replica.bulkDocs(Array.from({ length: 35 }, (_, i) => listing(`l${i}`)));
		await indexer.catchUp();
		expect(await tables.listings.count()).toBe(35);
		const checkpoint = await tables.meta.get('checkpoint');
		expect(checkpoint?.seq).toBe((await replica.info()).update_seq);
		expect(checkpoint?.version).toBe(TABLES_VERSION);
	});

	test('a new indexer resumes from the checkpoint instead of starting over', async () => {
		const { replica, tables, indexer } = fresh();
		await replica.bulkDocs([listing('a'), listing('b')]);
		await indexer.catchUp();
		await indexer.stop();
		// A row the indexer would overwrite if it read the feed from the start again.
		await tables.listings.update('listing:a', { title: 'marqueur' });
		await replica.put(listing('c'));

		const restarted = new Indexer(replica, tables);
		opened.push({ replica, tables, indexer: restarted });
		await restarted.catchUp();
		expect(await tables.listings.count()).toBe(3);
		expect((await tables.listings.get('listing:a'))?.title).toBe('marqueur');
	});

	test('deleted tables are rebuilt from the replica, by the running app or at the next start', async () => {
		const { replica, tables, indexer } = fresh();
		await replica.bulkDocs([structure('la-pioche'), listing('a'), listing('b')]);
		await indexer.catchUp();
		await tables.delete();
		await indexer.catchUp();
		expect(await tables.listings.count()).toBe(2);
		tables.close();

		const reopened = openTables(tables.name);
		const rebuilt = new Indexer(replica, reopened);
		opened.push({ replica, tables: reopened, indexer: rebuilt });
		await rebuilt.catchUp();
		expect(await reopened.listings.count()).toBe(2);
		expect(await reopened.structures.count()).toBe(1);
	});

	test('tables written by another format version, or cleared, are rebuilt', async () => {
		const { replica, tables, indexer } = fresh();
		await replica.bulkDocs([listing('a'), listing('b')]);
		await indexer.catchUp();
		await tables.listings.update('listing:a', { title: 'marqueur' });
		const checkpoint = await tables.meta.get('checkpoint');
		await tables.meta.put({ ...checkpoint, key: 'checkpoint', version: TABLES_VERSION - 1 });
		await indexer.catchUp();
		expect((await tables.listings.get('listing:a'))?.title).toBe('Annonce a');

		await clearTables(tables);
		await indexer.catchUp();
		expect(await tables.listings.count()).toBe(2);
	});

	test('rows of a destroyed replica do not survive in the tables of the new one', async () => {
		const { replica, tables, indexer } = fresh();
		await replica.bulkDocs([listing('members-only'), listing('b')]);
		await indexer.catchUp();
		await replica.destroy();

		const renewed = new PouchDB(replica.name);
		await renewed.put(listing('public'));
		const next = new Indexer(renewed, tables);
		opened.push({ replica: renewed, tables, indexer: next });
		await next.catchUp();
		expect(await tables.listings.toCollection().primaryKeys()).toEqual(['listing:public']);
	});

	test('a document with competing revisions is flagged, and unflagged once resolved', async () => {
		const { replica, tables, indexer } = fresh();
		const base = listing('velo');
		await replica.bulkDocs(
			[
				{ ...base, _rev: '1-aaa', title: 'Vélo (téléphone 1)' },
				{ ...base, _rev: '1-bbb', title: 'Vélo (téléphone 2)' },
			],
			{ new_edits: false },
		);
		await indexer.catchUp();
		const row = await tables.listings.get('listing:velo');
		expect(row?._rev).toBe('1-bbb');
		expect(row?._conflicts).toEqual(['1-aaa']);

		await replica.remove('listing:velo', '1-aaa');
		await indexer.catchUp();
		const resolved = await tables.listings.get('listing:velo');
		expect(resolved?._conflicts).toBeUndefined();
		expect(resolved?.title).toBe('Vélo (téléphone 2)');
	});

	test('follows live changes once started', async () => {
		const { replica, tables, indexer } = fresh();
		await replica.put(listing('a'));
		await indexer.start();
		expect(await tables.listings.count()).toBe(1);
		await replica.bulkDocs([listing('b'), structure('la-pioche')]);
		await eventually(
			async () => (await tables.listings.count()) === 2 && (await tables.structures.count()) === 1,
		);
		const { _rev } = await replica.get('listing:a');
		await replica.remove('listing:a', _rev);
		await eventually(async () => (await tables.listings.count()) === 1);
	});
});
