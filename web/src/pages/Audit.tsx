import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface Entry {
  seq: number;
  at: string;
  actor_label: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
}

export function Audit() {
  const chain = useApi<{ ok: boolean; entries: number; first_break?: unknown }>('/api/audit/verify');
  const log = useApi<{ entries: Entry[] }>('/api/audit?limit=100');
  return (
    <section aria-labelledby="audit">
      <h1 id="audit">Audit log</h1>
      {chain.data && (
        <p role="status" className={chain.data.ok ? 'level-ok' : 'level-block'}>
          Chain {chain.data.ok ? 'intact' : 'BROKEN'} over {chain.data.entries} entries
        </p>
      )}
      <ErrorText error={chain.error ?? log.error} />
      <Table
        caption="Audit entries"
        rows={log.data?.entries ?? []}
        columns={{
          '#': (e) => e.seq,
          When: (e) => when(e.at),
          Who: (e) => e.actor_label,
          What: (e) => e.action,
          Object: (e) => (e.object_id ? `${e.object_type ?? ''} ${e.object_id}` : ''),
        }}
      />
    </section>
  );
}
