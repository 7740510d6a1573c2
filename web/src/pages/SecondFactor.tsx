import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../ui.tsx';

/** The second step of signing in: enrol an authenticator (first time) or type its current code. */
export function SecondFactor({ enrol, done }: { enrol: boolean; done: () => void }) {
  const [secret, setSecret] = useState<{ secret: string; otpauth_uri: string }>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (enrol)
      api<{ secret: string; otpauth_uri: string }>('POST', '/api/auth/totp/enrol')
        .then(setSecret)
        .catch((e: Error) => setError(e.message));
  }, [enrol]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', enrol ? '/api/auth/totp/confirm' : '/api/auth/totp/verify', { code });
      done();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="second-factor">
      <h2 id="second-factor">{enrol ? 'Set up your authenticator' : 'Second factor'}</h2>
      {enrol && secret && (
        <p>
          Add this key to your authenticator app: <code data-testid="totp-secret">{secret.secret}</code>
          <br />
          <small>
            or open <code>{secret.otpauth_uri}</code>
          </small>
        </p>
      )}
      <label htmlFor="code">Six-digit code</label>
      <input
        id="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        required
      />
      <div>
        <button type="submit">{enrol ? 'Confirm' : 'Verify'}</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
