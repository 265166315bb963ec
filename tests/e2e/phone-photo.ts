// Real PNG files built in the test, sized like phone photos, for the photo picker's tests.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	out.set(u32(data.length));
	out.set(
		[...type].map((c) => c.charCodeAt(0)),
		4,
	);
	out.set(data, 8);
	out.set(u32(crc32(out.subarray(4, 8 + data.length))), 8 + data.length);
	return out;
}

/**
 * A real PNG as large as a phone photo in pixels (2400 × 1800). `noise` (0–255) is how much
 * random grain it has: real photos do not compress like flat colours.
 */
export function phonePhoto(width = 2400, height = 1800, noise = 24): Buffer {
	const rows = new Uint8Array((width * 3 + 1) * height);
	let seed = 7;
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			const grain = (seed >>> 8) % (noise + 1);
			const i = y * (width * 3 + 1) + 1 + x * 3;
			rows[i] = (x * 200) / width + grain;
			rows[i + 1] = (y * 200) / height + ((grain * 7) % (noise + 1));
			rows[i + 2] = 60 + ((grain * 13) % (noise + 1));
		}
	const parts = [
		new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0])),
		chunk('IDAT', new Uint8Array(deflateSync(rows, { level: 1 }))),
		chunk('IEND', new Uint8Array(0)),
	];
	const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		png.set(part, at);
		at += part.length;
	}
	return Buffer.from(png);
}
