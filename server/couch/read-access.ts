// Reading rights on one revision. Whether a document is visible at all is the audience index's
// answer (its winning revision); a revision body is also checked on its own audience, so an old
// or conflicting revision never shows more than its own audience allows.
import { canRead, type Scoped, type Viewer } from '../../src/lib/domain';

export function revisionReadable(viewer: Viewer, revision: Record<string, unknown>): boolean {
	// A tombstone carries no audience: the document's own (kept by the index) decides.
	if (revision._deleted === true || revision.audience === undefined) return true;
	return canRead(viewer, revision as unknown as Scoped);
}
