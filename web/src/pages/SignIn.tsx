import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { ErrorText } from '../ui.tsx';
import { SecondFactor } from './SecondFactor.tsx';

export function SignIn() {
  const { refresh } = useSession();
  const navigate = useNavigate();
  const portal = useLocation().pathname.startsWith('/portal');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'password' | 'totp_required' | 'totp_enrolment_required'>('password');
  const [error, setError] = useState<string>();
  const finish = async () => {
    await refresh();
    navigate(portal ? '/portal' : '/console');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ status: typeof step | 'signed_in' }>('POST', '/api/auth/login', { username, password });
      if (r.status === 'signed_in') await finish();
      else setStep(r.status);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main id="content">
      <h1>{portal ? 'Agency portal: sign in' : 'Accord: sign in'}</h1>
      {step === 'password' ? (
        <form onSubmit={submit}>
          <label htmlFor="username">User name</label>
          <input
            id="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <div>
            <button type="submit">Sign in</button>
          </div>
          <ErrorText error={error} />
        </form>
      ) : (
        <SecondFactor enrol={step === 'totp_enrolment_required'} done={finish} />
      )}
    </main>
  );
}
