import { Type } from '@sinclair/typebox';

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

/** The same rule for callers outside HTTP (the CLI): length in characters (code points), not only blanks. */
export const isRevealReason = (reason: string) => {
  const length = [...reason].length;
  return /\S/.test(reason) && length >= revealReasonLength.min && length <= revealReasonLength.max;
};
