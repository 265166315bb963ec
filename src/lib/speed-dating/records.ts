// Writing what came of the meetings on the device: the meetings of a round (written once, their
// ids follow from the pair) and each side's answer (a new answer replaces the side's earlier one;
// two offline answers of one side are settled for the latest).
import { type Followup, type FollowupAnswer, latestFollowup, type Meeting, newFollowup } from '../domain';
import { m } from '../i18n';
import { conflictsOf, getDoc, resolveConflict, saveDoc } from '../sync/docs';

/** Records the meetings that are not on the device yet; a reload recording them again changes nothing. */
export async function recordMeetings(meetings: Meeting[]): Promise<void> {
	for (const meeting of meetings) if (!(await getDoc(meeting._id))) await saveDoc(meeting);
}

/** What went wrong with a write, in the words the device or the domain gave. */
export const reasonOf = (err: unknown): string =>
	(err as { reason?: string }).reason ?? (err as Error).message;

/** Saves one side's answer: an empty string once saved, else a message to show. */
export async function answerOrFailure(
	meeting: Meeting,
	side: string,
	answer: FollowupAnswer,
): Promise<string> {
	try {
		await answerFollowup(meeting, side, answer);
		return '';
	} catch (err) {
		return m.speed_dating_answer_failed({ reason: reasonOf(err) });
	}
}

export async function answerFollowup(meeting: Meeting, side: string, answer: FollowupAnswer): Promise<void> {
	const now = new Date().toISOString();
	const fresh = newFollowup(meeting, side, answer, now);
	const before = await getDoc(fresh._id);
	if (before?.type === 'followup' && before.answer === answer) return;
	await saveDoc(before ? { ...fresh, _rev: before._rev, createdAt: before.createdAt } : fresh);
}

/** Ends conflicts between revisions of answers (tablet and phone offline): the latest answer stays. */
export async function settleAnswers(rows: { _id: string; _conflicts?: string[] }[]): Promise<void> {
	for (const row of rows) {
		if (!row._conflicts?.length) continue;
		const conflict = await conflictsOf<Followup>(row._id);
		if (!conflict) continue;
		const keep = [conflict.current, ...conflict.others].reduce((a, b) => latestFollowup(a, b));
		if (keep._rev) await resolveConflict(row._id, keep._rev);
	}
}
