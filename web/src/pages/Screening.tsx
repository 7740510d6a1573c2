import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface Match {
  list: string;
  name: string;
  score: number;
  countries: string[];
  explanation: { summary: string };
}
interface Party {
  id: string;
  name: string;
  kind: string;
  status: string;
  match_count: number;
  next_review_at: string | null;
}
interface Alert {
  id: string;
  party_id: string;
  list: string;
  entry_name: string;
  score: number;
  status: string;
  explanation: { summary: string };
}
interface Record extends Party {
  screenings: { screened_at: string; match_count: number; trigger: string }[];
  decisions: { decision: string; reasons: string; decided_by: string; decided_at: string; review_at: string }[];
}

function PartyRecord({ id, reload }: { id: string; reload: () => void }) {
  const { can } = useSession();
  const record = useApi<Record>(`/api/screening/parties/${id}`);
  const [decision, setDecision] = useState('approve');
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<string>();
  const decide = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', `/api/screening/parties/${id}/decision`, { decision, reasons });
      await record.reload();
      reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const r = record.data;
  if (!r) return <ErrorText error={record.error} />;
  return (
    <section aria-labelledby="record" className="card">
      <h2 id="record">Due diligence: {r.name}</h2>
      <p>
        Status {r.status.replace(/_/g, ' ')} · next review {when(r.next_review_at)}
      </p>
      <Table
        caption="Screenings"
        rows={r.screenings}
        columns={{ When: (s) => when(s.screened_at), Why: (s) => s.trigger, Matches: (s) => s.match_count }}
      />
      <Table
        caption="Decisions"
        rows={r.decisions}
        columns={{
          Decision: (d) => d.decision.replace(/_/g, ' '),
          Reasons: (d) => d.reasons,
          By: (d) => d.decided_by,
          Review: (d) => when(d.review_at),
        }}
      />
      {can('screening:decide') && (
        <form onSubmit={decide}>
          <label htmlFor="party-decision">Decision</label>
          <select id="party-decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
            <option value="approve">approve</option>
            <option value="approve_with_conditions">approve with conditions</option>
            <option value="reject">reject</option>
          </select>
          <label htmlFor="party-reasons">Reasons</label>
          <textarea
            id="party-reasons"
            value={reasons}
            onChange={(e) => setReasons(e.target.value)}
            minLength={10}
            required
          />
          <button type="submit">Record decision</button>
        </form>
      )}
      <ErrorText error={error} />
    </section>
  );
}

export function Screening() {
  const parties = useApi<{ parties: Party[] }>('/api/screening/parties?limit=200');
  const alerts = useApi<{ alerts: Alert[] }>('/api/screening/alerts?status=open');
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [matches, setMatches] = useState<Match[]>();
  const [open, setOpen] = useState<string>();
  const [error, setError] = useState<string>();
  const screen = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ matches: Match[] }>('POST', '/api/screening/screen', {
        name,
        ...(country ? { country } : {}),
      });
      setMatches(r.matches);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="screening">
      <h1 id="screening">Due diligence</h1>
      <form onSubmit={screen} role="search">
        <label htmlFor="screen-name">Screen a customer, partner or vendor</label>
        <input id="screen-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="screen-country">Country (optional, ISO code)</label>
        <input id="screen-country" value={country} onChange={(e) => setCountry(e.target.value)} maxLength={2} />
        <div>
          <button type="submit">Screen</button>
        </div>
      </form>
      {matches &&
        (matches.length === 0 ? (
          <p role="status">No match on the imported lists.</p>
        ) : (
          <Table
            caption="Matches"
            rows={matches}
            columns={{
              Listed: (m) => m.name,
              List: (m) => m.list,
              Score: (m) => m.score.toFixed(2),
              Why: (m) => m.explanation.summary,
            }}
          />
        ))}
      <ErrorText error={error ?? parties.error ?? alerts.error} />
      <h2>Open alerts</h2>
      <Table
        caption="Alerts"
        rows={alerts.data?.alerts ?? []}
        columns={{
          Listed: (a) => a.entry_name,
          List: (a) => a.list,
          Score: (a) => a.score.toFixed(2),
          Why: (a) => a.explanation.summary,
        }}
      />
      <h2>Parties</h2>
      <Table
        caption="Parties"
        rows={parties.data?.parties ?? []}
        columns={{
          Party: (p) => (
            <button className="secondary" onClick={() => setOpen(p.id)}>
              {p.name}
            </button>
          ),
          Kind: (p) => p.kind,
          Status: (p) => p.status.replace(/_/g, ' '),
          Matches: (p) => p.match_count,
          'Next review': (p) => when(p.next_review_at),
        }}
      />
      {open && <PartyRecord key={open} id={open} reload={() => void parties.reload()} />}
    </section>
  );
}
