import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';
import { caseStates } from '../api-values.ts';

export interface CaseRow {
  id: string;
  actor: string;
  state: string;
  first_seen: string;
  last_seen: string;
  confidence: number;
  assignee_id: string | null;
}

const states = ['', ...caseStates];

export function Cases() {
  const [state, setState] = useState('');
  const { data, error } = useApi<{ cases: CaseRow[] }>(`/api/cases?limit=200${state ? `&state=${state}` : ''}`);
  return (
    <section aria-labelledby="cases">
      <h1 id="cases">Targeting cases</h1>
      <label htmlFor="state">State</label>
      <select id="state" value={state} onChange={(e) => setState(e.target.value)}>
        {states.map((s) => (
          <option key={s} value={s}>
            {s || 'any'}
          </option>
        ))}
      </select>
      <ErrorText error={error} />
      <Table
        caption="Cases"
        rows={data?.cases ?? []}
        columns={{
          Case: (c) => <Link to={`/console/cases/${c.id}`}>{c.actor}</Link>,
          State: (c) => c.state,
          'First seen': (c) => when(c.first_seen),
          'Last seen': (c) => when(c.last_seen),
          Confidence: (c) => c.confidence,
        }}
      />
    </section>
  );
}
