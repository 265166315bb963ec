// A model of a mobile link, one direction at a time: a pipe that sends one segment after the other
// at a fixed rate (shared by every connection, like a radio bearer) and delivers it half a round
// trip later. Not modelled: TCP slow start, losses, retransmissions, ACK traffic — real links do worse.
import type { Socket } from 'node:net';

export interface LinkSpec {
	name: string;
	/** Bits per second towards the device. */
	downBps: number;
	/** Bits per second from the device. */
	upBps: number;
	rttMs: number;
}

export const LINKS = {
	'3g': { name: 'weak 3G', downBps: 1.6e6, upBps: 0.8e6, rttMs: 300 },
	none: null,
} satisfies Record<string, LinkSpec | null>;

/** TCP payload per segment, and the IPv4 + TCP headers each segment costs on the link. */
export const MSS = 1460;
export const SEGMENT_OVERHEAD = 40;

/** One direction of the link: a token bucket with no burst, then the propagation delay. */
export class Pipe {
	#free = 0;
	readonly #bytesPerMs: number;
	readonly delayMs: number;

	constructor(bitsPerSecond: number, delayMs: number) {
		this.#bytesPerMs = bitsPerSecond / 8 / 1000;
		this.delayMs = delayMs;
	}

	/** When a segment handed over now reaches the other end. */
	deliveryTime(payload: number): number {
		const start = Math.max(performance.now(), this.#free);
		this.#free = start + (payload + SEGMENT_OVERHEAD) / this.#bytesPerMs;
		return this.#free + this.delayMs;
	}
}

/** Past this much data waiting on the link, the sending socket is paused, as a full TCP window would. */
const HIGH_WATER = 512 * 1024;

/**
 * The data of one connection in one direction: cut into segments, timed by the pipe, written to
 * `to` when due. Without a pipe (no throttling) data passes at once.
 */
export class Lane {
	#queue: { at: number; data: Uint8Array }[] = [];
	#next = 0;
	#waiting = 0;
	#timer: NodeJS.Timeout | null = null;
	#ending: (() => void) | null = null;
	/** Data sent before the connection is open (its handshake still under way) waits here. */
	#held: Uint8Array[] | null = null;

	constructor(
		private pipe: Pipe | null,
		private from: Socket,
		private to: Socket,
		private onDeliver: (data: Uint8Array) => void = () => {},
	) {}

	/** Holds what is sent for `ms` (a TCP handshake) without taking the link from other connections. */
	holdFor(ms: number): void {
		this.#held = [];
		setTimeout(() => {
			const held = this.#held ?? [];
			this.#held = null;
			for (const data of held) this.send(data);
		}, ms);
	}

	send(data: Uint8Array): void {
		if (this.#held) {
			this.#held.push(data);
			return;
		}
		if (!this.pipe) {
			this.#write(data);
			return;
		}
		for (let at = 0; at < data.length; at += MSS) {
			const segment = data.subarray(at, at + MSS);
			this.#queue.push({ at: this.pipe.deliveryTime(segment.length), data: segment });
		}
		this.#waiting += data.length;
		if (this.#waiting > HIGH_WATER) this.from.pause();
		this.#arm();
	}

	/** Runs `then` (an end or a close) once everything sent before has arrived: it travels the link too. */
	finish(then: () => void): void {
		if (this.#held) setTimeout(() => this.finish(then), 10);
		else if (this.#next < this.#queue.length) this.#ending = then;
		else if (this.pipe) setTimeout(then, this.pipe.delayMs);
		else then();
	}

	#arm(): void {
		if (this.#timer || this.#next >= this.#queue.length) return;
		const wait = Math.max(0, this.#queue[this.#next].at - performance.now());
		this.#timer = setTimeout(() => this.#flush(), wait);
	}

	#flush(): void {
		this.#timer = null;
		const now = performance.now();
		const due: Uint8Array[] = [];
		while (this.#next < this.#queue.length && this.#queue[this.#next].at <= now + 0.5)
			due.push(this.#queue[this.#next++].data);
		if (this.#next > 1024) {
			this.#queue = this.#queue.slice(this.#next);
			this.#next = 0;
		}
		if (due.length) {
			const data = due.length === 1 ? due[0] : concat(due);
			this.#waiting -= data.length;
			this.#write(data);
			if (this.#waiting < HIGH_WATER / 2) this.from.resume();
		}
		if (this.#next < this.#queue.length) this.#arm();
		else if (this.#ending) {
			const then = this.#ending;
			this.#ending = null;
			then();
		}
	}

	#write(data: Uint8Array): void {
		this.onDeliver(data);
		if (!this.to.destroyed) this.to.write(data);
	}
}

function concat(parts: Uint8Array[]): Uint8Array {
	const all = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
	let at = 0;
	for (const part of parts) {
		all.set(part, at);
		at += part.length;
	}
	return all;
}
