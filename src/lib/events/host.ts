// Who runs an event on the day: the structure that hosts it and the network's staff. They welcome
// people at the door and their device holds every registration, so their own counts are right.
import type { Viewer } from '../domain';

export function runsEvent(viewer: Viewer, event: { host?: string }): boolean {
	return viewer.role === 'animator' || (!!event.host && viewer.structureId === event.host);
}
