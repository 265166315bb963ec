// The end-of-round alarm against a fake Web Audio API and a fake navigator.vibrate: three beeps
// scheduled on the audio clock, a vibration, the context resumed by the tap that starts a round,
// and a device without audio or vibration still ends its round quietly.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Alarm = typeof import('../../src/lib/speed-dating/alarm');

interface Played {
	type: string;
	frequency: number;
	start: number;
	stop: number;
	/** The gain node it plays through, and where that node leads. */
	gain?: { target: unknown };
}

/** Just enough of AudioContext for alarm.ts, remembering what it was asked to play. */
class FakeAudioContext {
	static created: FakeAudioContext[] = [];
	state: 'suspended' | 'running' = 'suspended';
	currentTime = 12.5;
	readonly destination = { speaker: true };
	readonly played: Played[] = [];
	resumed = 0;

	constructor() {
		FakeAudioContext.created.push(this);
	}

	resume(): Promise<void> {
		this.resumed++;
		this.state = 'running';
		return Promise.resolve();
	}

	createGain() {
		const node = {
			gain: { setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() },
			target: undefined as unknown,
			connect: (target: unknown) => {
				node.target = target;
				return target;
			},
		};
		return node;
	}

	createOscillator() {
		const played: Played = { type: '', frequency: 0, start: Number.NaN, stop: Number.NaN };
		const context = this;
		return {
			set type(t: string) {
				played.type = t;
			},
			frequency: {
				set value(hz: number) {
					played.frequency = hz;
				},
			},
			connect(gain: { target: unknown }) {
				played.gain = gain;
				return gain;
			},
			start(at: number) {
				played.start = at;
				context.played.push(played);
			},
			stop(at: number) {
				played.stop = at;
			},
		};
	}
}

const g = globalThis as Record<string, unknown>;
let vibrations: unknown[];

async function freshAlarm(): Promise<Alarm> {
	// The module keeps one audio context for the page: each test starts from a new page.
	vi.resetModules();
	return import('../../src/lib/speed-dating/alarm');
}

beforeEach(() => {
	FakeAudioContext.created = [];
	vibrations = [];
	g.AudioContext = FakeAudioContext;
	vi.stubGlobal('navigator', {
		userAgent: 'node',
		vibrate: (pattern: unknown) => {
			vibrations.push(pattern);
			return true;
		},
	});
});

afterEach(() => {
	delete g.AudioContext;
	vi.unstubAllGlobals();
});

describe('the end of a round', () => {
	it('beeps three times on the audio clock, a little after now, and vibrates three times', async () => {
		const { ringEndOfRound } = await freshAlarm();
		ringEndOfRound();
		const [context] = FakeAudioContext.created;
		expect(context.played).toHaveLength(3);
		const starts = context.played.map((p) => p.start);
		expect(starts[0]).toBeGreaterThan(context.currentTime);
		expect(starts[1]).toBeGreaterThan(starts[0]);
		expect(starts[2]).toBeGreaterThan(starts[1]);
		for (const beep of context.played) {
			expect(beep.frequency).toBe(880);
			expect(beep.stop).toBeGreaterThan(beep.start);
			expect(beep.gain?.target).toBe(context.destination);
		}
		// Beeps do not overlap: each stops before the next starts.
		expect(context.played[0].stop).toBeLessThanOrEqual(starts[1]);
		expect(vibrations).toEqual([[400, 150, 400, 150, 400]]);
	});

	it('plays through the context the tap of « Lancer le tour » opened and resumed', async () => {
		const { ringEndOfRound, unlockSound } = await freshAlarm();
		unlockSound();
		const [context] = FakeAudioContext.created;
		expect(context.resumed).toBe(1);
		expect(context.state).toBe('running');
		ringEndOfRound();
		ringEndOfRound();
		expect(FakeAudioContext.created).toHaveLength(1);
		expect(context.played).toHaveLength(6);
	});

	it('still vibrates on a device without Web Audio', async () => {
		g.AudioContext = class {
			constructor() {
				throw new Error('no audio device');
			}
		};
		const { ringEndOfRound, unlockSound } = await freshAlarm();
		expect(() => unlockSound()).not.toThrow();
		expect(() => ringEndOfRound()).not.toThrow();
		expect(vibrations).toHaveLength(1);
	});

	it('still beeps on a device that cannot vibrate', async () => {
		vi.stubGlobal('navigator', { userAgent: 'node' });
		const { ringEndOfRound } = await freshAlarm();
		expect(() => ringEndOfRound()).not.toThrow();
		expect(FakeAudioContext.created[0].played).toHaveLength(3);
	});
});
