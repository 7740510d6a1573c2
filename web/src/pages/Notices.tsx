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

export function Notices() {
  const { data, error } = useApi<{ notices: Notice[] }>('/api/notifications?limit=200');
  return (
    <section aria-labelledby="notices">
      <h1 id="notices">Notifications</h1>
      <ErrorText error={error} />
      <Table
        caption="Notices"
        rows={data?.notices ?? []}
        columns={{
          Case: (n) => <Link to={`/console/cases/${n.case_id}`}>{n.campaign}</Link>,
          Language: (n) => n.language,
          State: (n) => n.state,
          Requested: (n) => when(n.created_at),
          Delivered: (n) => when(n.delivered_at),
        }}
      />
    </section>
  );
}
