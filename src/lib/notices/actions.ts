// What a structure does with a notice from the network: mark it read (on the device, pushed later).
import type { Notice } from '../domain';
import { saveDoc } from '../sync/docs';

export function markNoticeRead(notice: Notice): Promise<Notice> {
	return saveDoc<Notice>({ ...notice, readAt: new Date().toISOString() });
}
