/** The authenticator key to add, shown at enrolment (sign-in's second step and the set-up link alike). */
export function TotpKey({ secret }: { secret: { secret: string; otpauth_uri: string } }) {
  return (
    <p>
      Add this key to your authenticator app: <code data-testid="totp-secret">{secret.secret}</code>
      <br />
      <small>
        or open <code>{secret.otpauth_uri}</code>
      </small>
    </p>
  );
}

/** The six-digit code field, labelled for assistive technology and one-time-code autofill. */
export function TotpCodeInput({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  return (
    <>
      <label htmlFor="code">Six-digit code</label>
      <input
        id="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
    </>
  );
}
