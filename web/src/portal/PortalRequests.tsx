import { Link } from 'react-router';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

export interface OfficerRequest {
  id: string;
  request_type: string;
  case_number: string;
  state: string;
  submitted_at: string;
  questions: { question?: string; answer?: string; at: string }[];
}

export function PortalRequests() {
  const { data, error } = useApi<{ requests: OfficerRequest[] }>('/api/lawful/portal/requests');
  return (
    <section aria-labelledby="mine">
      <h1 id="mine">Your agency's requests</h1>
      <p>
        <Link to="/portal/new">Submit a new request</Link>
      </p>
      <ErrorText error={error} />
      <Table
        caption="Requests"
        rows={data?.requests ?? []}
        columns={{
          Case: (r) => <Link to={`/portal/requests/${r.id}`}>{r.case_number}</Link>,
          Type: (r) => r.request_type.replace(/_/g, ' '),
          Status: (r) => r.state.replace(/_/g, ' '),
          Submitted: (r) => when(r.submitted_at),
        }}
      />
    </section>
  );
}
