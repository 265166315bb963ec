// The bench's link, in its own process so no other work delays its clock: a TCP proxy in front of
// the server, throttled by the link model, counting connections, bytes each way and HTTP requests
// by kind. Started by sync.ts with the server's port and the link (JSON, or null for no throttling).
import { connect, createServer, type Socket } from 'node:net';
import { type Head, MessageReader, requestKind } from './http-meter';
import { failChild, serveParent } from './ipc';
import { Lane, type LinkSpec, Pipe } from './link';

export interface KindStats {
	requests: number;
	/** Bytes of the requests and of their responses, head and body, as they crossed the link. */
	up: number;
	down: number;
	/** From the request's last byte reaching the server to the response's first byte leaving it. */
	serverMs: number;
	/** Responses sent with a Content-Encoding. */
	compressed: number;
}

export interface LinkStats {
	connections: number;
	up: number;
	down: number;
	requests: number;
	/** Requests that offered gzip in Accept-Encoding. */
	acceptGzip: number;
	kinds: Record<string, KindStats>;
}

const emptyStats = (): LinkStats => ({
	connections: 0,
	up: 0,
	down: 0,
	requests: 0,
	acceptGzip: 0,
	kinds: {},
});

const [targetPort, specJson] = process.argv.slice(2);
const spec = JSON.parse(specJson) as LinkSpec | null;
const upPipe = spec && new Pipe(spec.upBps, spec.rttMs / 2);
const downPipe = spec && new Pipe(spec.downBps, spec.rttMs / 2);
let stats = emptyStats();
const sockets = new Set<Socket>();

const kind = (name: string): KindStats =>
	(stats.kinds[name] ??= { requests: 0, up: 0, down: 0, serverMs: 0, compressed: 0 });

function relay(client: Socket): void {
	stats.connections++;
	const upstream = connect({ port: Number(targetPort), host: '127.0.0.1', noDelay: true });
	for (const socket of [client, upstream]) {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	}
	const { requests, responses } = meters();
	const up = new Lane(upPipe, client, upstream, (data) => requests.push(asBuffer(data)));
	// A new connection first pays its TCP handshake: one round trip before the request leaves.
	if (spec) up.holdFor(spec.rttMs);
	const down = new Lane(downPipe, upstream, client);
	client.on('data', (data: Buffer) => {
		stats.up += data.length;
		up.send(asBytes(data));
	});
	upstream.on('data', (data: Buffer) => {
		stats.down += data.length;
		responses.push(data);
		down.send(asBytes(data));
	});
	client.on('close', () => up.finish(() => upstream.end()));
	upstream.on('close', () => {
		responses.close();
		down.finish(() => client.end());
	});
}

// Node's Buffer and TypeScript's Uint8Array types disagree here: convert views, never bytes.
const asBytes = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** Readers of one connection's requests (as they reach the server) and responses (as they leave it). */
function meters() {
	const pending: { kind: string; method: string; at: number }[] = [];
	let responseStart = 0;
	const requests = new MessageReader({
		hasBody: () => true,
		onEnd(head, bytes) {
			const name = requestKind(head.startLine);
			const k = kind(name);
			k.requests++;
			k.up += bytes;
			stats.requests++;
			if (/gzip/i.test(head.headers.get('accept-encoding') ?? '')) stats.acceptGzip++;
			pending.push({ kind: name, method: head.startLine.split(' ')[0], at: performance.now() });
		},
	});
	const responses = new MessageReader({
		onStart: () => {
			responseStart = performance.now();
		},
		hasBody: (head: Head) => {
			const status = Number(head.startLine.split(' ')[1]);
			return pending[0]?.method !== 'HEAD' && status >= 200 && status !== 204 && status !== 304;
		},
		onEnd(head, bytes) {
			const request = pending.shift();
			const k = kind(request?.kind ?? 'unmatched');
			k.down += bytes;
			if (request) k.serverMs += responseStart - request.at;
			if (head.headers.has('content-encoding')) k.compressed++;
		},
	});
	return { requests, responses };
}

const server = createServer({ noDelay: true }, relay);
server.on('error', failChild);
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	serveParent(
		{ port },
		{
			stats: () => stats,
			reset: () => {
				stats = emptyStats();
				return true;
			},
			close: () =>
				new Promise((resolve) => {
					for (const socket of sockets) socket.destroy();
					server.close(() => resolve(true));
				}),
		},
	);
});
