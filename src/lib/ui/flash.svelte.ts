// A one-time notice carried from one page to the next (e.g. "saved on this device"),
// shown by the page that follows a save, then forgotten.
class Flash {
	message: string | null = $state(null);

	show(message: string) {
		this.message = message;
	}

	/** Returns the pending message and forgets it, so a later visit does not show it again. */
	take(): string | null {
		const message = this.message;
		this.message = null;
		return message;
	}
}

export const flash = new Flash();
