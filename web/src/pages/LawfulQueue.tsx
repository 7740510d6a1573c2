import { Link } from 'react-router';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

export interface Signal {
  id: string;
  level: 'ok' | 'warn' | 'escalate' | 'block';
  message: string;
  evidence?: Record<string, unknown>;
}
interface Request {
  id: string;
  request_type: string;
  state: string;
  submitted_at: string;
  assessment: Signal[];
}

export function LawfulQueue() {
  const { data, error } = useApi<{ requests: Request[] }>('/api/lawful/requests');
  return (
    <section aria-labelledby="queue">
      <h1 id="queue">Lawful requests</h1>
      <ErrorText error={error} />
      <Table
        caption="Requests"
        rows={data?.requests ?? []}
        columns={{
          Request: (r) => <Link to={`/console/lawful/${r.id}`}>{r.request_type.replace(/_/g, ' ')}</Link>,
          State: (r) => r.state.replace(/_/g, ' '),
          Submitted: (r) => when(r.submitted_at),
          Blocks: (r) => r.assessment.filter((s) => s.level === 'block').length,
          Escalations: (r) => r.assessment.filter((s) => s.level === 'escalate').length,
        }}
      />
    </section>
  );
}
