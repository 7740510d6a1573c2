import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useAction, useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface Collection {
  id: string;
  alias: string | null;
  title: string;
  read_groups: string[];
  write_groups: string[];
  amber_groups: string[];
}
interface Subscription {
  id: string;
  name: string;
  url: string;
  objects_received: number;
  last_pulled_at: string | null;
  last_error: string | null;
}
interface Pulled {
  received: number;
  inserted: number;
  rejected: number;
}
/** "role:peer, user:cert-eu" → ["role:peer", "user:cert-eu"] */
const groupList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);

function NewCollection({ created }: { created: () => unknown }) {
  const [title, setTitle] = useState('');
  const [alias, setAlias] = useState('');
  const [readers, setReaders] = useState('role:peer');
  const [writers, setWriters] = useState('');
  const [amber, setAmber] = useState('');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      title,
      ...(alias ? { alias } : {}),
      read_groups: groupList(readers),
      write_groups: groupList(writers),
      amber_groups: groupList(amber),
    };
    void run(() => api('POST', '/api/share/collections', body), created);
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-collection">
      <h3 id="new-collection">New collection</h3>
      <label htmlFor="col-title">Title</label>
      <input id="col-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      <label htmlFor="col-alias">Alias (optional; lower case, digits, . _ -)</label>
      <input id="col-alias" value={alias} onChange={(e) => setAlias(e.target.value)} pattern="[a-z0-9][a-z0-9._\-]*" />
      <label htmlFor="col-read">Readers (groups such as role:peer or user:name, comma-separated)</label>
      <input id="col-read" value={readers} onChange={(e) => setReaders(e.target.value)} />
      <label htmlFor="col-write">Writers (optional)</label>
      <input id="col-write" value={writers} onChange={(e) => setWriters(e.target.value)} />
      <label htmlFor="col-amber">Readers of TLP:AMBER (optional)</label>
      <input id="col-amber" value={amber} onChange={(e) => setAmber(e.target.value)} />
      <div>
        <button type="submit">Create collection</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

function NewSubscription({ created }: { created: () => unknown }) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [minutes, setMinutes] = useState('60');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      url,
      ...(username ? { username } : {}),
      ...(secret ? { secret } : {}),
      interval_seconds: Number(minutes) * 60,
    };
    void run(() => api('POST', '/api/share/subscriptions', body), created);
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-subscription">
      <h3 id="new-subscription">Subscribe to a remote collection</h3>
      <label htmlFor="sub-name">Name</label>
      <input id="sub-name" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="sub-url">Collection URL (…/collections/&lt;id&gt;/)</label>
      <input id="sub-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} minLength={10} required />
      <label htmlFor="sub-user">User name (optional)</label>
      <input id="sub-user" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
      <label htmlFor="sub-secret">Password or token (optional, stored encrypted)</label>
      <input
        id="sub-secret"
        type="password"
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
        autoComplete="new-password"
      />
      <label htmlFor="sub-interval">Pull every (minutes)</label>
      <input
        id="sub-interval"
        type="number"
        min={1}
        max={10_080}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
      />
      <div>
        <button type="submit">Subscribe</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

function PullNow({ subscription, pulled }: { subscription: Subscription; pulled: () => unknown }) {
  const [result, setResult] = useState<Pulled>();
  const { run, error } = useAction();
  const pull = () =>
    void run(async () => {
      setResult(await api<Pulled>('POST', `/api/share/subscriptions/${subscription.id}/pull`));
    }, pulled);
  return (
    <>
      <button className="secondary" onClick={pull}>
        Pull now<span className="skip"> from {subscription.name}</span>
      </button>
      {result && (
        <span role="status">
          {result.received} received, {result.inserted} new, {result.rejected} rejected
        </span>
      )}
      <ErrorText error={error} />
    </>
  );
}

export function Sharing() {
  const { can } = useSession();
  const manage = can('share:manage');
  const collections = useApi<{ collections: Collection[] }>(manage ? '/api/share/collections' : null);
  const subscriptions = useApi<{ subscriptions: Subscription[] }>(manage ? '/api/share/subscriptions' : null);
  return (
    <section aria-labelledby="sharing">
      <h1 id="sharing">Sharing (TAXII 2.1)</h1>
      {!manage && (
        <p>
          Peers read and write collections through the TAXII server at <code>/taxii2/</code>; managing collections and
          subscriptions needs an administrator.
        </p>
      )}
      <ErrorText error={collections.error ?? subscriptions.error} />
      {manage && (
        <>
          <h2>Collections</h2>
          <Table
            caption="Collections"
            rows={collections.data?.collections ?? []}
            columns={{
              Title: (c) => c.title,
              Alias: (c) => c.alias ?? '',
              Readers: (c) => c.read_groups.join(', '),
              Writers: (c) => c.write_groups.join(', '),
              'TLP:AMBER': (c) => c.amber_groups.join(', '),
            }}
          />
          <NewCollection created={collections.reload} />
          <h2>Subscriptions</h2>
          <Table
            caption="Subscriptions"
            rows={subscriptions.data?.subscriptions ?? []}
            columns={{
              Name: (s) => s.name,
              URL: (s) => <code>{s.url}</code>,
              Objects: (s) => s.objects_received,
              'Last pull': (s) => when(s.last_pulled_at),
              Error: (s) => s.last_error ?? '',
              Pull: (s) => <PullNow subscription={s} pulled={subscriptions.reload} />,
            }}
          />
          <NewSubscription created={subscriptions.reload} />
        </>
      )}
    </section>
  );
}
