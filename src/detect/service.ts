/** The detection module's public face: what other modules (cases, transparency) may call. */
import type { CoreContext } from '../core/context.ts';
import type { Executor } from '../core/db/database.ts';
import { presentDetection, type DetectionView } from './detections.ts';
import { SUBJECT_CONTEXT } from './record-hits.ts';
import { detectionsChangedAfter, getDetectionRow } from './store/detections-store.ts';
import { detectDb } from './store/tables.ts';

export { findDetections, revealDetection, viewDetection, type DetectionView } from './detections.ts';
export { subjectIndexOf, subjectMatchIndexOf } from './record-hits.ts';
export { subjectLanguage, setSubjectLanguage, setAccountLanguage, type SubjectLanguage } from './subjects.ts';

export interface DetectionChange extends DetectionView {
  /** The subject's keyed hash: the same person's detections share it; it cannot be turned back into the subject. */
  subject_index: string | null;
  /** The keyed hash of the subject's confusable skeleton (null for detections recorded before it was kept). */
  subject_match_index: string | null;
  /** Where a follower resumes: pass it back as `after`. */
  cursor: { at: Date; id: string };
}

/** Detections created or folded into since `after`, oldest change first, a page at a time (in `executor`'s transaction). */
export async function detectionsChangedSince(
  ctx: CoreContext,
  after: { at: Date; id: string } | null,
  limit = 500,
  executor: Executor = ctx.db,
): Promise<DetectionChange[]> {
  const rows = await detectionsChangedAfter(detectDb(executor), after, limit);
  return rows.map((row) => ({
    ...presentDetection(row),
    subject_index: row.subject_index,
    subject_match_index: row.subject_match_index,
    cursor: { at: new Date(row.updated_at), id: row.id },
  }));
}

/** The account or device a detection concerns, decrypted. Not audited here: the caller records why it looked. */
export async function subjectOfDetection(ctx: CoreContext, id: string): Promise<string | null> {
  const row = await getDetectionRow(detectDb(ctx.db), id);
  return row?.subject_enc ? ctx.keyring.decrypt(row.subject_enc, SUBJECT_CONTEXT) : null;
}
