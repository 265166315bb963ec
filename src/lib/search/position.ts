// "Around me": the device's position (navigator.geolocation), or a reason the person reads when it
// cannot be had (refused, unavailable, too slow).
import type { LatLon } from '../domain';
import { m } from '../i18n';

const TIMEOUT_MS = 15_000;

export class PositionError extends Error {}

const REASONS: Record<number, () => string> = {
	1: m.search_position_refused,
	2: m.search_position_unavailable,
	3: m.search_position_timeout,
};

export function devicePosition(): Promise<LatLon> {
	return new Promise((resolve, reject) => {
		if (!('geolocation' in navigator)) {
			reject(new PositionError(m.search_position_none()));
			return;
		}
		navigator.geolocation.getCurrentPosition(
			(position) => resolve([position.coords.latitude, position.coords.longitude]),
			(err) => reject(new PositionError((REASONS[err.code] ?? REASONS[2])())),
			{ enableHighAccuracy: false, timeout: TIMEOUT_MS, maximumAge: 600_000 },
		);
	});
}
