// What a structure does with a notice from the network: mark it read (on the device, pushed later).
import type { Notice } from '../domain';
import { saveDoc } from '../sync/docs';

export function markNoticeRead(notice: Notice): Promise<Notice> {
	const { _conflicts, ...stored } = notice as Notice & { _conflicts?: string[] };
	return saveDoc<Notice>({ ...stored, readAt: new Date().toISOString() });
}
