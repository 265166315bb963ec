// "Around me": the device's position (navigator.geolocation), or a French reason when it cannot be
// had (refused, unavailable, too slow).
import type { LatLon } from '../domain';

const TIMEOUT_MS = 15_000;

export class PositionError extends Error {}

const REASONS: Record<number, string> = {
	1: 'Vous avez refusé de partager votre position : choisissez plutôt une commune.',
	2: 'Votre position est introuvable pour l’instant : choisissez plutôt une commune.',
	3: 'Votre position met trop de temps à venir : réessayez ou choisissez une commune.',
};

export function devicePosition(): Promise<LatLon> {
	return new Promise((resolve, reject) => {
		if (!('geolocation' in navigator)) {
			reject(new PositionError('Cet appareil ne donne pas sa position : choisissez plutôt une commune.'));
			return;
		}
		navigator.geolocation.getCurrentPosition(
			(position) => resolve([position.coords.latitude, position.coords.longitude]),
			(err) => reject(new PositionError(REASONS[err.code] ?? REASONS[2])),
			{ enableHighAccuracy: false, timeout: TIMEOUT_MS, maximumAge: 600_000 },
		);
	});
}
