// Reads QR codes from the camera: getUserMedia on the back camera, frames decoded with jsQR a few
// times a second. Errors are said in the reader's language, with what to do instead.
import jsQR from 'jsqr';
import { m } from '../i18n';

const EVERY_MS = 150;
/** The same code seen again within this time is one scan, not two. */
const SAME_CODE_MS = 3000;

function cameraError(err: unknown): string {
	const name = (err as { name?: string })?.name;
	if (name === 'NotAllowedError' || name === 'SecurityError') return m.door_camera_denied();
	if (name === 'NotFoundError' || name === 'OverconstrainedError') return m.door_camera_missing();
	if (name === 'NotReadableError') return m.door_camera_busy();
	return m.door_camera_failed();
}

export class Scanner {
	active = $state(false);
	error = $state<string | null>(null);
	#stream: MediaStream | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#last = { code: '', at: 0 };
	/** While the door shows a scan's outcome, codes in view are not read. */
	#paused = false;

	constructor(private readonly onCode: (code: string) => void) {}

	async start(video: HTMLVideoElement): Promise<void> {
		this.error = null;
		if (!navigator.mediaDevices?.getUserMedia) {
			this.error = m.door_camera_insecure();
			return;
		}
		try {
			this.#stream = await navigator.mediaDevices.getUserMedia({
				video: { facingMode: 'environment' },
				audio: false,
			});
		} catch (err) {
			this.error = cameraError(err);
			return;
		}
		video.srcObject = this.#stream;
		await video.play().catch(() => undefined);
		this.active = true;
		this.#loop(video, document.createElement('canvas'));
	}

	pause(): void {
		this.#paused = true;
	}

	/** Back to scanning; the card just read needs to stay out of view a moment to count again. */
	resume(): void {
		this.#paused = false;
		this.#last.at = Date.now();
	}

	stop(): void {
		clearTimeout(this.#timer);
		for (const track of this.#stream?.getTracks() ?? []) track.stop();
		this.#stream = null;
		this.active = false;
	}

	#loop(video: HTMLVideoElement, canvas: HTMLCanvasElement): void {
		if (!this.active) return;
		const found = this.#paused ? null : this.#decode(video, canvas);
		const now = Date.now();
		if (found && (found !== this.#last.code || now - this.#last.at > SAME_CODE_MS)) {
			this.#last = { code: found, at: now };
			this.onCode(found);
		}
		this.#timer = setTimeout(() => this.#loop(video, canvas), EVERY_MS);
	}

	#decode(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
		const { videoWidth: width, videoHeight: height } = video;
		if (!width || !height) return null;
		canvas.width = width;
		canvas.height = height;
		const context = canvas.getContext('2d', { willReadFrequently: true });
		if (!context) return null;
		context.drawImage(video, 0, 0, width, height);
		const image = context.getImageData(0, 0, width, height);
		return jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
	}
}
