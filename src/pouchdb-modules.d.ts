// pouchdb-adapter-memory ships no types: it is a PouchDB plugin like any other.
declare module 'pouchdb-adapter-memory' {
	const plugin: PouchDB.Plugin;
	export default plugin;
}
