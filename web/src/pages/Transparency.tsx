import { useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface Release {
  id: string;
  period: string;
  version: number;
  state: string;
  created_by: string;
  published_at: string | null;
  superseded: boolean;
}

export function Transparency() {
  const { can } = useSession();
  const releases = useApi<{ releases: Release[] }>('/api/transparency/releases');
  const [period, setPeriod] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const act = async (method: string, path: string, body?: unknown) => {
    setError(undefined);
    try {
      await api(method, path, body);
      await releases.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="transparency">
      <h1 id="transparency">Transparency reports</h1>
      {can('transparency:write') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act('POST', '/api/transparency/releases', {
              ...(period ? { period } : {}),
              ...(note ? { change_note: note } : {}),
            });
          }}
        >
          <label htmlFor="period">Period (e.g. 2026H1; empty for the last complete one)</label>
          <input id="period" value={period} onChange={(e) => setPeriod(e.target.value)} />
          <label htmlFor="note">Change note (for a correction)</label>
          <input id="note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit">Build draft</button>
        </form>
      )}
      <ErrorText error={error ?? releases.error} />
      <Table
        caption="Releases"
        rows={releases.data?.releases ?? []}
        columns={{
          Period: (r) => `${r.period} v${r.version}`,
          State: (r) => (r.superseded ? 'published (superseded)' : r.state),
          Published: (r) => when(r.published_at),
          Download: (r) => (
            <a href={`/api/transparency/releases/${r.id}/export?format=google-csv`} download>
              CSV
            </a>
          ),
          Actions: (r) =>
            can('transparency:publish') && r.state !== 'published' ? (
              <>
                {r.state === 'draft' && (
                  <button onClick={() => void act('POST', `/api/transparency/releases/${r.id}/approve`, {})}>
                    Approve
                  </button>
                )}
                {r.state === 'approved' && (
                  <button onClick={() => void act('POST', `/api/transparency/releases/${r.id}/publish`)}>
                    Publish
                  </button>
                )}
              </>
            ) : null,
        }}
      />
    </section>
  );
}
