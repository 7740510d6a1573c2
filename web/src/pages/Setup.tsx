import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { ErrorText } from '../ui.tsx';
import { SecondFactor } from './SecondFactor.tsx';

/** The first administrator's one-time link: choose a password, then enrol the second factor. */
export function Setup() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [enrol, setEnrol] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ status: string }>('POST', '/api/auth/setup', { token, password });
      if (r.status === 'signed_in') {
        await refresh();
        navigate('/');
      } else setEnrol(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const done = async () => {
    await refresh();
    navigate('/');
  };
  return (
    <main id="content">
      <h1>Welcome to Accord</h1>
      {enrol ? (
        <SecondFactor enrol done={done} />
      ) : (
        <form onSubmit={submit}>
          <p>Choose the administrator's password (at least 12 characters).</p>
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
