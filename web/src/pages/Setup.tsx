import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { ErrorText } from '../ui.tsx';
import { TotpCodeInput, TotpKey } from './totp-fields.tsx';

interface Shown {
  secret: string;
  otpauth_uri: string;
}

/**
 * A one-time setup link: choose a password and, where the role needs one, enrol the second factor. Both go to the
 * server in one request (nothing is set by the password alone), so the page first shows the link's secret.
 */
export function Setup() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [shown, setShown] = useState<Shown>();
  const [error, setError] = useState<string>();
  const finish = async (withCode?: string) => {
    await api('POST', '/api/auth/setup', { token, password, ...(withCode ? { code: withCode } : {}) });
    await refresh();
    navigate('/');
  };
  const choosePassword = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      setShown(await api<Shown>('POST', '/api/auth/setup/totp', { token }));
    } catch (err) {
      // 409: this account enrols no second factor here; the password alone completes the set-up.
      if ((err as { status?: number }).status === 409) await finish().catch((e2: Error) => setError(e2.message));
      else setError((err as Error).message);
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await finish(code);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main id="content">
      <h1>Welcome to Accord</h1>
      {shown ? (
        <form onSubmit={confirm} aria-labelledby="second-factor">
          <h2 id="second-factor">Set up your authenticator</h2>
          <TotpKey secret={shown} />
          <TotpCodeInput value={code} onChange={setCode} />
          <div>
            <button type="submit">Confirm</button>
          </div>
          <ErrorText error={error} />
        </form>
      ) : (
        <form onSubmit={choosePassword}>
          <p>Choose your password (at least 12 characters).</p>
          <label htmlFor="new-password">Password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <div>
            <button type="submit">Set password</button>
          </div>
          <ErrorText error={error} />
        </form>
      )}
    </main>
  );
}
