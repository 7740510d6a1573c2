import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface Notice {
  id: string;
  case_id: string;
  campaign: string;
  language: string;
  state: string;
  created_at: string;
  delivered_at: string | null;
}
interface Status {
  deliveries: {
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    sent_at: string | null;
  }[];
}

function Deliveries({ id }: { id: string }) {
  const { data, error } = useApi<Status>(`/api/notifications/${id}`);
  if (error) return <ErrorText error={error} />;
  return (
    <Table
      caption="Deliveries"
      rows={data?.deliveries ?? []}
      columns={{
        Channel: (d) => d.channel,
        Status: (d) => d.status,
        Attempts: (d) => d.attempts,
        'Last error': (d) => d.last_error ?? '',
        Sent: (d) => when(d.sent_at),
      }}
    />
  );
}

export function Notices() {
  const [state, setState] = useState('');
  const { data, error } = useApi<{ notices: Notice[] }>(
    `/api/notifications?limit=200${state ? `&state=${state}` : ''}`,
  );
  const [open, setOpen] = useState<string>();
  return (
    <section aria-labelledby="notices">
      <h1 id="notices">Notifications</h1>
      <label htmlFor="notice-state">State</label>
      <select id="notice-state" value={state} onChange={(e) => setState(e.target.value)}>
        {['', 'pending_approval', 'approved', 'delivered', 'failed', 'suppressed'].map((s) => (
          <option key={s} value={s}>
            {s.replace('_', ' ') || 'any'}
          </option>
        ))}
      </select>
      <ErrorText error={error} />
      <Table
        caption="Notices"
        rows={data?.notices ?? []}
        columns={{
          Case: (n) => <Link to={`/console/cases/${n.case_id}`}>{n.campaign}</Link>,
          Language: (n) => n.language,
          State: (n) => n.state.replace('_', ' '),
          Requested: (n) => when(n.created_at),
          Delivered: (n) => when(n.delivered_at),
          Deliveries: (n) => (
            <button
              className="secondary"
              aria-expanded={open === n.id}
              onClick={() => setOpen(open === n.id ? undefined : n.id)}
            >
              {open === n.id ? 'Hide' : 'Show'} deliveries and retries
            </button>
          ),
        }}
      />
      {open && <Deliveries id={open} />}
    </section>
  );
}
