import { useApi } from '../use-api.ts';
import { ErrorText, Table } from '../ui.tsx';

interface Agency {
  id: string;
  name: string;
  country: string;
  agency_type: string;
  email_domains: string[];
  status: string;
}

export function Agencies() {
  const { data, error } = useApi<{ agencies: Agency[] }>('/api/lawful/agencies');
  return (
    <section aria-labelledby="agencies">
      <h1 id="agencies">Agency registry</h1>
      <ErrorText error={error} />
      <Table
        caption="Agencies"
        rows={data?.agencies ?? []}
        columns={{
          Agency: (a) => a.name,
          Country: (a) => a.country,
          Type: (a) => a.agency_type,
          'Verified domains': (a) => a.email_domains.join(', '),
          Status: (a) => a.status,
        }}
      />
    </section>
  );
}
