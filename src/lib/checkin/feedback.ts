// What the door says after a scan, without looking: a short high tone and one buzz for a valid card,
// two low tones and a longer buzz pattern for a refused one (Web Audio, no sound file to cache).
// Browsers only let sound play once a tap has opened the audio context: `unlockFeedback` on that tap.

let context: AudioContext | null = null;

export function unlockFeedback(): void {
	try {
		context ??= new AudioContext();
		if (context.state === 'suspended') void context.resume();
	} catch {
		context = null;
	}
}

function tone(ctx: AudioContext, at: number, frequency: number, length: number): void {
	const oscillator = ctx.createOscillator();
	const gain = ctx.createGain();
	oscillator.type = 'sine';
	oscillator.frequency.value = frequency;
	gain.gain.setValueAtTime(0.0001, at);
	gain.gain.exponentialRampToValueAtTime(0.5, at + 0.01);
	gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
	oscillator.connect(gain).connect(ctx.destination);
	oscillator.start(at);
	oscillator.stop(at + length + 0.05);
}

export type Signal = 'ok' | 'warn' | 'refused';

export function signal(kind: Signal): void {
	navigator.vibrate?.(kind === 'ok' ? 120 : kind === 'warn' ? [120, 80, 120] : [300, 100, 300]);
	try {
		context ??= new AudioContext();
		const start = context.currentTime + 0.02;
		if (kind === 'ok') tone(context, start, 1320, 0.18);
		else if (kind === 'warn') {
			tone(context, start, 880, 0.12);
			tone(context, start + 0.18, 880, 0.12);
		} else {
			tone(context, start, 220, 0.25);
			tone(context, start + 0.32, 180, 0.3);
		}
	} catch {
		// No audio on this device: the colour and the vibration still say it.
	}
}
