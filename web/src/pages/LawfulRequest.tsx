import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';
import type { Signal } from './LawfulQueue.tsx';
import { Callback, Clarification, Production, SecondApproval } from './LawfulReviewSteps.tsx';
import { reviewCriteria as criteria } from '../api-values.ts';
import { RevealWithReason } from './RevealWithReason.tsx';

interface Revealed {
  target_identifiers: string[];
  emergency_narrative: string | null;
}

interface Detail {
  id: string;
  agency_id: string;
  request_type: string;
  state: string;
  legal_basis: string;
  case_number: string;
  data_categories: string[];
  targets_masked: string[];
  assessment: Signal[];
  steps: { kind: string; reviewer: string; at: string; details: Record<string, unknown> }[];
}
const risks = new Set([
  'offence_used_against_speech_or_protest',
  'country_human_rights_risk',
  'target_journalist_activist_or_defender',
]);

export function LawfulRequest() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const detail = useApi<Detail>(`/api/lawful/requests/${id}`);
  const r0 = detail.data;
  const contacts = useApi<{ contacts: Parameters<typeof Callback>[0]['contacts'] }>(
    r0 && can('lawful:agencies') ? `/api/lawful/agencies/${r0.agency_id}/contacts` : null,
  );
  const [error, setError] = useState<string>();
  const [decision, setDecision] = useState('produce');
  const [reasons, setReasons] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>(
    Object.fromEntries(criteria.map((c) => [c, risks.has(c) ? 'no' : 'yes'])),
  );
  const r = detail.data;

  const act = async (path: string, body?: unknown) => {
    setError(undefined);
    try {
      await api('POST', `/api/lawful/requests/${id}/${path}`, body);
      await detail.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!r) return <ErrorText error={detail.error} />;
  const review = can('lawful:review');
  return (
    <article aria-labelledby="request">
      <h1 id="request">
        {r.request_type.replace(/_/g, ' ')} · {r.case_number}
      </h1>
      <p>
        State: <strong data-testid="request-state">{r.state.replace(/_/g, ' ')}</strong> · legal basis {r.legal_basis} ·
        data {r.data_categories.join(', ')}
      </p>
      <h2>Targets</h2>
      <ul data-testid="targets-masked" aria-label="Targets, masked">
        {r.targets_masked.map((t, i) => (
          <li key={i}>
            <code>{t}</code>
          </li>
        ))}
      </ul>
      {can('lawful:reveal') && (
        // Keyed by request: what was revealed for one request never shows on another's page.
        <RevealWithReason<Revealed>
          key={id}
          label="Reveal targets"
          path={`/api/lawful/requests/${id}/reveal`}
          show={(v) => (
            <>
              <ul aria-label="Targets, revealed">
                {v.target_identifiers.map((t, i) => (
                  <li key={i}>
                    <code>{t}</code>
                  </li>
                ))}
              </ul>
              {v.emergency_narrative !== null && <p>The imminent danger: {v.emergency_narrative}</p>}
            </>
          )}
        />
      )}
      <h2>Authenticity signals</h2>
      <ul>
        {r.assessment.map((s) => (
          <li key={s.id} className={`level-${s.level}`}>
            <strong>{s.level}</strong> {s.message}
            {s.evidence && <code> {JSON.stringify(s.evidence)}</code>}
          </li>
        ))}
      </ul>
      {review && r.state === 'submitted' && <button onClick={() => void act('review')}>Start review</button>}
      {review && ['in_review', 'awaiting_second_approval', 'approved'].includes(r.state) && (
        <Callback id={id} changed={detail.reload} contacts={contacts.data?.contacts ?? []} />
      )}
      {review && r.state === 'in_review' && <Clarification id={id} changed={detail.reload} />}
      {review && r.state === 'in_review' && (
        <>
          <h2>Review checklist</h2>
          {criteria.map((c) => (
            <div key={c}>
              <label htmlFor={c}>{c.replace(/_/g, ' ')}</label>
              <select id={c} value={answers[c]} onChange={(e) => setAnswers({ ...answers, [c]: e.target.value })}>
                <option value="yes">yes</option>
                <option value="no">no</option>
                <option value="not_applicable">not applicable</option>
              </select>
            </div>
          ))}
          <label htmlFor="decision">Decision</label>
          <select id="decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
            {['produce', 'produce_partial', 'narrow', 'reject', 'no_data'].map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <label htmlFor="reasons">Reasons</label>
          <textarea id="reasons" value={reasons} onChange={(e) => setReasons(e.target.value)} />
          <div>
            <button
              onClick={() =>
                void act('decision', {
                  decision,
                  reasons,
                  checklist: Object.fromEntries(
                    Object.entries(answers).map(([k, v]) => [
                      k,
                      { answer: v, note: risks.has(k) && v === 'yes' ? reasons : undefined },
                    ]),
                  ),
                })
              }
            >
              Record decision
            </button>
          </div>
        </>
      )}
      {review && r.state === 'awaiting_second_approval' && <SecondApproval id={id} changed={detail.reload} />}
      {review && ['approved', 'disclosed'].includes(r.state) && <Production id={id} />}
      {review && r.state === 'approved' && <button onClick={() => void act('disclose')}>Disclose</button>}
      <ErrorText error={error} />
      <h2>Review trail</h2>
      <Table
        caption="Review steps"
        rows={r.steps ?? []}
        columns={{
          Step: (s) => s.kind.replace(/_/g, ' '),
          By: (s) => s.reviewer,
          When: (s) => when(s.at),
          Details: (s) =>
            ['decision', 'outcome', 'agree', 'reasons', 'question', 'answer', 'notes']
              .filter((k) => s.details[k] !== undefined)
              .map((k) => `${k}: ${String(s.details[k])}`)
              .join(' · '),
        }}
      />
    </article>
  );
}
