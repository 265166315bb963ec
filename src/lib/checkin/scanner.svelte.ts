// Reads QR codes from the camera: getUserMedia on the back camera, frames decoded with jsQR a few
// times a second. Errors are said in French, with what to do instead.
import jsQR from 'jsqr';

const EVERY_MS = 150;
/** The same code seen again within this time is one scan, not two. */
const SAME_CODE_MS = 3000;

function cameraError(err: unknown): string {
	const name = (err as { name?: string })?.name;
	if (name === 'NotAllowedError' || name === 'SecurityError')
		return 'Accès à la caméra refusé : autorisez la caméra pour ce site dans les réglages du navigateur, ou recherchez la personne par son nom.';
	if (name === 'NotFoundError' || name === 'OverconstrainedError')
		return 'Aucune caméra trouvée sur cet appareil : recherchez la personne par son nom ou collez son code.';
	if (name === 'NotReadableError')
		return 'La caméra est occupée par une autre application : fermez-la puis réessayez.';
	return 'La caméra ne démarre pas : recherchez la personne par son nom ou collez son code.';
}

export class Scanner {
	active = $state(false);
	error = $state<string | null>(null);
	#stream: MediaStream | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#last = { code: '', at: 0 };

	constructor(private readonly onCode: (code: string) => void) {}

	async start(video: HTMLVideoElement): Promise<void> {
		this.error = null;
		if (!navigator.mediaDevices?.getUserMedia) {
			this.error =
				'La caméra n’est disponible que sur une connexion sécurisée (https) et un navigateur récent.';
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

	stop(): void {
		clearTimeout(this.#timer);
		for (const track of this.#stream?.getTracks() ?? []) track.stop();
		this.#stream = null;
		this.active = false;
	}

	#loop(video: HTMLVideoElement, canvas: HTMLCanvasElement): void {
		if (!this.active) return;
		const found = this.#decode(video, canvas);
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
