import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, upload } from '../api.ts';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table } from '../ui.tsx';

interface Actor {
  id: string;
  type: string;
  name: string;
  indicators?: number;
}
interface Match {
  id: string;
  name?: string | null;
  pattern?: string;
  actor?: string | null;
}

export function Intel() {
  const { can } = useSession();
  const actors = useApi<{ actors: Actor[] }>('/api/intel/actors');
  const [value, setValue] = useState('');
  const [matches, setMatches] = useState<Match[]>();
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<number>();
  const [report, setReport] = useState<Record<string, unknown>>();

  const search = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setMatches(
        (await api<{ matches: Match[] }>('GET', `/api/intel/search?value=${encodeURIComponent(value)}`)).matches,
      );
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const importFile = async (file: File) => {
    setError(undefined);
    setProgress(0);
    try {
      setReport(await upload<Record<string, unknown>>('/api/intel/imports', file, setProgress));
      await actors.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section aria-labelledby="intel">
      <h1 id="intel">Intelligence</h1>
      <form onSubmit={search} role="search">
        <label htmlFor="value">Which indicators would match this domain, URL, IP or hash?</label>
        <input id="value" value={value} onChange={(e) => setValue(e.target.value)} required />
        <button type="submit">Search</button>
      </form>
      {matches && (
        <Table
          caption="Matching indicators"
          rows={matches}
          columns={{
            Indicator: (m) => m.name ?? m.id,
            Pattern: (m) => <code>{m.pattern}</code>,
            Actor: (m) => m.actor ?? '',
          }}
        />
      )}
      {can('intel:write') && (
        <>
          <h2>Import</h2>
          <label htmlFor="import-file">STIX 2.1 bundle, MISP event, CSV or text list</label>
          <input
            id="import-file"
            type="file"
            onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
          />
          {progress !== undefined && <progress value={progress} max={1} aria-label="Upload progress" />}
          {report && (
            <p role="status">
              Imported: {String(report.inserted)} new, {String(report.duplicates)} already known,{' '}
              {String(report.rejectedCount ?? 0)} refused.
            </p>
          )}
        </>
      )}
      <ErrorText error={error ?? actors.error} />
      <h2>Actors</h2>
      <Table
        caption="Actors"
        rows={actors.data?.actors ?? []}
        columns={{
          Name: (a) => <Link to={`/console/intel/${a.id}`}>{a.name}</Link>,
          Type: (a) => a.type,
          Indicators: (a) => a.indicators ?? '',
        }}
      />
    </section>
  );
}
