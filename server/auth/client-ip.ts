// Which address a request comes from, for the sign-in limits: the socket's peer, or, when that peer
// is a proxy listed in TRUSTED_PROXIES, the right-most address of X-Forwarded-For that is not one of
// ours (the left part of that header is whatever the client chose to write).
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** One spelling per address: IPv4-mapped IPv6 as IPv4, IPv6 compressed and lower-case; else null. */
export function canonicalAddress(text: string): string | null {
	const address = text.trim().toLowerCase();
	const version = isIP(address);
	if (version === 4) return address;
	if (version !== 6) return null;
	const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
	if (mapped) return mapped[1];
	try {
		return new URL(`http://[${address}]/`).hostname.slice(1, -1);
	} catch {
		return null; // a zone id (fe80::1%eth0) and the like: kept as written below
	}
}

/** An X-Forwarded-For hop as an address: proxies may add a port (`1.2.3.4:80`, `[::1]:80`). */
function hopAddress(hop: string): string {
	const bare = hop
		.trim()
		.replace(/^\[([^\]]+)\](:\d+)?$/, '$1')
		.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
	// Not an address after all: kept (bounded) as the client's name, so it is still counted apart.
	return canonicalAddress(bare) ?? bare.slice(0, 64);
}

function peerAddress(c: Context): string {
	try {
		const address = getConnInfo(c).remote.address;
		return (address && canonicalAddress(address)) ?? address ?? 'unknown';
	} catch {
		return 'unknown'; // a request made without a socket (app.request in a script)
	}
}

/** The client's address: see the header of this file. `trusted` holds canonical addresses. */
export function clientAddress(c: Context, trusted: ReadonlySet<string>): string {
	const peer = peerAddress(c);
	if (!trusted.has(peer)) return peer;
	const hops = (c.req.header('x-forwarded-for') ?? '')
		.split(',')
		.filter((hop) => hop.trim())
		.map(hopAddress);
	for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i])) return hops[i];
	// Only our own proxies on the way (or no header): the farthest one is the client.
	return hops[0] ?? peer;
}

/**
 * What the limits count an address under: an IPv4 address itself, an IPv6 address's /64 (one
 * client usually holds a whole /64 and could otherwise change address at every attempt).
 */
export function networkOf(address: string): string {
	if (isIP(address) !== 6) return address;
	const [head, tail] = address.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups =
		tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	return `${groups.slice(0, 4).join(':')}::/64`;
}
