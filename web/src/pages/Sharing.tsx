import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface Collection {
  id: string;
  alias: string | null;
  title: string;
  read_groups: string[];
}
interface Subscription {
  id: string;
  name: string;
  url: string;
  last_pulled_at: string | null;
  last_error: string | null;
}

export function Sharing() {
  const { can } = useSession();
  const collections = useApi<{ collections: Collection[] }>('/api/share/collections');
  const subscriptions = useApi<{ subscriptions: Subscription[] }>(
    can('share:manage') ? '/api/share/subscriptions' : null,
  );
  return (
    <section aria-labelledby="sharing">
      <h1 id="sharing">Sharing (TAXII 2.1)</h1>
      <ErrorText error={collections.error ?? subscriptions.error} />
      <h2>Collections</h2>
      <Table
        caption="Collections"
        rows={collections.data?.collections ?? []}
        columns={{
          Title: (c) => c.title,
          Alias: (c) => c.alias ?? '',
          Readers: (c) => (c.read_groups ?? []).join(', '),
        }}
      />
      {can('share:manage') && (
        <>
          <h2>Subscriptions</h2>
          <Table
            caption="Subscriptions"
            rows={subscriptions.data?.subscriptions ?? []}
            columns={{
              Name: (s) => s.name,
              URL: (s) => <code>{s.url}</code>,
              'Last pull': (s) => when(s.last_pulled_at),
              Error: (s) => s.last_error ?? '',
            }}
          />
        </>
      )}
    </section>
  );
}
