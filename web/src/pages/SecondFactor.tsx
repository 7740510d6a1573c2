import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../ui.tsx';
import { TotpCodeInput, TotpKey } from './totp-fields.tsx';

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
      {enrol && secret && <TotpKey secret={secret} />}
      <TotpCodeInput value={code} onChange={setCode} />
      <div>
        <button type="submit">{enrol ? 'Confirm' : 'Verify'}</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
