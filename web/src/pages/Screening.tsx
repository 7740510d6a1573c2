import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useAction, useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';
import { AcknowledgeAlert, ScreeningParty, type Alert } from './ScreeningParty.tsx';
import { partyKinds } from '../api-values.ts';

/** Records a party: it is screened at once and again on every list change. */
function NewParty({ created }: { created: (id: string) => unknown }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState('vendor');
  const [country, setCountry] = useState('');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ id: string }>('POST', '/api/screening/parties', {
        name,
        kind,
        ...(country ? { country } : {}),
      });
      await created(r.id);
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-party">
      <h2 id="new-party">Record a party</h2>
      <label htmlFor="party-name">Name</label>
      <input id="party-name" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="party-kind">Kind</label>
      <select id="party-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
        {partyKinds.map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <label htmlFor="party-country">Country (optional, ISO code)</label>
      <input id="party-country" value={country} onChange={(e) => setCountry(e.target.value)} maxLength={2} />
      <div>
        <button type="submit">Record party</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

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
export function Screening() {
  const { can } = useSession();
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
          ...(can('screening:write')
            ? {
                Conclusion: (a: Alert) => <AcknowledgeAlert alert={a} place="list" done={() => void alerts.reload()} />,
              }
            : {}),
        }}
      />
      {can('screening:write') && (
        <NewParty
          created={async (id) => {
            await parties.reload();
            setOpen(id);
          }}
        />
      )}
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
      {open && (
        <ScreeningParty
          key={open}
          id={open}
          changed={async () => {
            await Promise.all([parties.reload(), alerts.reload()]);
          }}
        />
      )}
    </section>
  );
}
