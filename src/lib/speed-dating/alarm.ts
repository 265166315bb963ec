// The end of a round, heard and felt: three beeps (Web Audio, no sound file to cache) and a
// vibration where the device has one. The audio context is opened on a tap, as browsers require.

let context: AudioContext | null = null;

/** Call from a tap (starting a round): later beeps are then allowed to play. */
export function unlockSound(): void {
	try {
		context ??= new AudioContext();
		if (context.state === 'suspended') void context.resume();
	} catch {
		context = null;
	}
}

function beep(ctx: AudioContext, at: number): void {
	const oscillator = ctx.createOscillator();
	const gain = ctx.createGain();
	oscillator.type = 'square';
	oscillator.frequency.value = 880;
	gain.gain.setValueAtTime(0.0001, at);
	gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
	gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
	oscillator.connect(gain).connect(ctx.destination);
	oscillator.start(at);
	oscillator.stop(at + 0.4);
}

export function ringEndOfRound(): void {
	navigator.vibrate?.([400, 150, 400, 150, 400]);
	try {
		context ??= new AudioContext();
		const start = context.currentTime + 0.05;
		for (let i = 0; i < 3; i++) beep(context, start + i * 0.5);
	} catch {
		// No audio on this device: the screen and the vibration still say it.
	}
}

/** Full screen for the runner alone (no site header), or back. */
export function toggleFullscreen(element: HTMLElement | undefined): void {
	if (document.fullscreenElement) void document.exitFullscreen();
	else void (element ?? document.documentElement).requestFullscreen?.().catch(() => undefined);
}
