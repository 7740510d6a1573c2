import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useAction, useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';
import { roles } from '../api-values.ts';

interface User {
  id: string;
  username: string;
  role: string;
  totp_enabled: boolean;
  disabled: boolean;
}
interface Token {
  id: string;
  name: string;
  scopes: string[];
  expires_at: string | null;
  last_used_at: string | null;
  revoked: boolean;
}

/** A one-time setup link, to hand to its user over a trusted channel. */
const SetupLink = ({ who, url }: { who: string; url: string }) => (
  <p role="status">
    Setup link for {who}, shown once: <code data-testid="setup-link">{url}</code>
  </p>
);

function NewUser({ created }: { created: () => unknown }) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('analyst');
  const [link, setLink] = useState<{ who: string; url: string }>();
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ setup_url: string | null }>('POST', '/api/users', {
        username,
        role,
        ...(email ? { email } : {}),
      });
      if (r.setup_url) setLink({ who: username, url: r.setup_url });
    }, created);
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-user">
      <h2 id="new-user">Add a user</h2>
      <label htmlFor="user-name">User name</label>
      <input id="user-name" value={username} onChange={(e) => setUsername(e.target.value)} minLength={2} required />
      <label htmlFor="user-email">E-mail (optional)</label>
      <input id="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="user-role">Role</label>
      <select id="user-role" value={role} onChange={(e) => setRole(e.target.value)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {r.replace('_', ' ')}
          </option>
        ))}
      </select>
      <div>
        <button type="submit">Add user</button>
      </div>
      {link && <SetupLink {...link} />}
      <ErrorText error={error} />
    </form>
  );
}

function UserActions({ user, changed }: { user: User; changed: () => unknown }) {
  const [link, setLink] = useState<string>();
  const { run, error } = useAction();
  const reset = (resetTotp: boolean) =>
    void run(async () => {
      const r = await api<{ setup_url: string }>('POST', `/api/users/${user.id}/reset`, { reset_totp: resetTotp });
      setLink(r.setup_url);
    }, changed);
  return (
    <>
      <button className="secondary" onClick={() => reset(false)}>
        New setup link<span className="skip"> for {user.username}</span>
      </button>
      {user.totp_enabled && (
        <button className="secondary" onClick={() => reset(true)}>
          Reset second factor<span className="skip"> of {user.username}</span>
        </button>
      )}
      <button
        className="secondary"
        onClick={() =>
          void run(() => api('POST', `/api/users/${user.id}/${user.disabled ? 'enable' : 'disable'}`), changed)
        }
      >
        {user.disabled ? 'Enable' : 'Disable'}
        <span className="skip"> {user.username}</span>
      </button>
      {link && <SetupLink who={user.username} url={link} />}
      <ErrorText error={error} />
    </>
  );
}

export function Users() {
  const { can } = useSession();
  const users = useApi<User[]>(can('users:read') ? '/api/users' : null);
  const tokens = useApi<Token[]>('/api/tokens');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string>();
  const { run, error } = useAction();
  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setSecret((await api<{ token: string }>('POST', '/api/tokens', { name })).token);
    }, tokens.reload);
  };
  return (
    <section aria-labelledby="users">
      <h1 id="users">Users and tokens</h1>
      {can('users:read') && (
        <Table
          caption="Users"
          rows={users.data ?? []}
          columns={{
            User: (u) => u.username,
            Role: (u) => u.role.replace('_', ' '),
            'Second factor': (u) => (u.totp_enabled ? 'TOTP' : 'none'),
            Status: (u) => (u.disabled ? 'disabled' : 'active'),
            ...(can('users:manage') ? { Actions: (u: User) => <UserActions user={u} changed={users.reload} /> } : {}),
          }}
        />
      )}
      {can('users:manage') && <NewUser created={users.reload} />}
      <p>
        Roles are set when a user is added. Your own second factor is enrolled at sign-in; an administrator can reset
        it.
      </p>
      <h2>API tokens</h2>
      <Table
        caption="Tokens"
        rows={tokens.data ?? []}
        columns={{
          Name: (t) => t.name,
          Scopes: (t) => (t.scopes.length ? t.scopes.join(', ') : 'all of the role'),
          Expires: (t) => when(t.expires_at),
          'Last used': (t) => when(t.last_used_at),
          Revoke: (t) =>
            t.revoked ? (
              'revoked'
            ) : (
              <button
                className="secondary"
                onClick={() => void run(() => api('DELETE', `/api/tokens/${t.id}`), tokens.reload)}
              >
                Revoke<span className="skip"> {t.name}</span>
              </button>
            ),
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
