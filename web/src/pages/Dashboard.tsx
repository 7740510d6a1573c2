import { Link } from 'react-router';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';

// Requests waiting for a reviewer to act (src/lawful/states.ts): to start, to decide, to second, to disclose.
// A request whose clarification was asked waits for the agency instead.
const awaitingReviewer = new Set(['submitted', 'in_review', 'awaiting_second_approval', 'approved']);

function Count({
  path,
  list,
  label,
  to,
  counts = () => true,
}: {
  path: string;
  list: string;
  label: string;
  to: string;
  counts?: (row: Record<string, unknown>) => boolean;
}) {
  const { data, error } = useApi<Record<string, Record<string, unknown>[]>>(path);
  return (
    <div className="card">
      <strong>{error ? '–' : data ? (data[list]?.filter(counts).length ?? 0) : '…'}</strong>
      <Link to={to}>{label}</Link>
    </div>
  );
}

export function Dashboard() {
  const { can } = useSession();
  const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
  return (
    <section aria-labelledby="dash">
      <h1 id="dash">Dashboard</h1>
      <div className="cards">
        {can('detect:read') && (
          <Count
            path={`/api/detections?since=${encodeURIComponent(since)}&limit=500`}
            list="detections"
            label="detections this week"
            to="/console/cases"
          />
        )}
        {can('cases:read') && (
          <Count path="/api/cases?state=new&limit=500" list="cases" label="new cases" to="/console/cases" />
        )}
        {can('cases:read') && (
          <Count path="/api/cases?state=triage&limit=500" list="cases" label="cases in triage" to="/console/cases" />
        )}
        {can('lawful:read') && (
          <Count
            path="/api/lawful/requests"
            list="requests"
            counts={(r) => awaitingReviewer.has(String(r.state))}
            label="requests awaiting a reviewer"
            to="/console/lawful"
          />
        )}
        {can('cases:read') && (
          <Count
            path="/api/notifications?state=failed"
            list="notices"
            label="delivery failures"
            to="/console/notices"
          />
        )}
      </div>
    </section>
  );
}
