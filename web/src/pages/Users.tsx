import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface User {
  id: string;
  username: string;
  role: string;
  totp_enabled: boolean;
}
interface Token {
  id: string;
  name: string;
  scopes: string[];
  expires_at: string | null;
  last_used_at: string | null;
}

export function Users() {
  const { can } = useSession();
  const users = useApi<{ users: User[] }>(can('users:read') ? '/api/users' : null);
  const tokens = useApi<{ tokens: Token[] }>('/api/tokens');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setSecret((await api<{ token: string }>('POST', '/api/tokens', { name })).token);
      await tokens.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="users">
      <h1 id="users">Users and tokens</h1>
      {can('users:read') && (
        <Table
          caption="Users"
          rows={users.data?.users ?? []}
          columns={{
            User: (u) => u.username,
            Role: (u) => u.role,
            'Second factor': (u) => (u.totp_enabled ? 'TOTP' : 'none'),
          }}
        />
      )}
      <h2>Your API tokens</h2>
      <Table
        caption="Tokens"
        rows={tokens.data?.tokens ?? []}
        columns={{
          Name: (t) => t.name,
          Scopes: (t) => (t.scopes.length ? t.scopes.join(', ') : 'all of your role'),
          Expires: (t) => when(t.expires_at),
          'Last used': (t) => when(t.last_used_at),
        }}
      />
      <form onSubmit={create}>
        <label htmlFor="token-name">New token name</label>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit">Create token</button>
      </form>
      {secret && (
        <p role="status">
          Copy it now, it is shown once: <code>{secret}</code>
        </p>
      )}
      <ErrorText error={error ?? users.error ?? tokens.error} />
    </section>
  );
}
