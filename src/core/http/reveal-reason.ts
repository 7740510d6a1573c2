import { Type } from '@sinclair/typebox';
import { validationFailed } from '../errors.ts';

/**
 * How long the stated reason for revealing an identifier must be (in characters). Every reveal route takes it in
 * the body, never the query string: query strings end up in access logs and browser history.
 */
export const revealReasonLength = { min: 10, max: 2000 } as const;

/** The body of a reveal: the reason, recorded in the audit entry beside who revealed what. */
export const RevealReasonBody = Type.Object(
  {
    reason: Type.String({
      minLength: revealReasonLength.min,
      maxLength: revealReasonLength.max,
      pattern: '\\S',
      description: 'why the identifier is needed; goes into the audit log',
    }),
  },
  { additionalProperties: false },
);

/** The reason as it is judged and recorded: invisible characters dropped, blanks at the ends trimmed. */
export const visibleReason = (reason: string) =>
  reason.replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '').replace(/^[\s\p{Z}]+|[\s\p{Z}]+$/gu, '');

/**
 * The rule itself, for HTTP and the CLI alike: at least `min` visible characters (code points) once invisible ones
 * and blanks at the ends are gone, so eleven zero-width spaces or ten spaces and an `x` are not a reason.
 */
export const isRevealReason = (reason: string) => {
  const length = [...visibleReason(reason)].length;
  return length >= revealReasonLength.min && [...reason].length <= revealReasonLength.max;
};

/** The reason to record, or a 400 naming the field. */
export function checkedRevealReason(reason: string): string {
  if (!isRevealReason(reason))
    throw validationFailed(
      `reason: at least ${revealReasonLength.min} visible characters (invisible characters and surrounding blanks do not count)`,
    );
  return visibleReason(reason);
}
