// A minimal PNG encoder (8-bit RGB, no interlace): enough for the demo's generated photos, with
// node:zlib for the compression and a CRC32 table, so the seed needs no image library.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
	return out;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/**
 * `raw` holds the image as PNG wants it before compression: each row one filter byte (0, none)
 * then its pixels, three bytes each. Level 1: flat colours compress well even so, and the demo
 * seed stays fast (level 6 is seven times slower for half the size).
 */
export function encodePng(width: number, height: number, raw: Uint8Array): Uint8Array {
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, deflate, no filter list, no interlace
	return concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 1 }))),
		chunk('IEND', new Uint8Array()),
	]);
}
