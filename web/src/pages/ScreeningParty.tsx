import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useAction, useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';
import { capabilities, countryRisks, redFlags, screeningDecisions as decisions } from '../api-values.ts';

const words = (s: string) => s.replace(/_/g, ' ');

export interface Alert {
  id: string;
  party_id: string;
  list: string;
  entry_name: string;
  score: number;
  status: string;
  note: string | null;
  explanation: { summary: string };
}
interface PartyRecord {
  id: string;
  name: string;
  status: string;
  next_review_at: string | null;
  screenings: { screened_at: string; match_count: number; trigger: string }[];
  questionnaires: { risk: string; answered_by: string; answered_at: string }[];
  decisions: { decision: string; reasons: string; conditions: string | null; decided_by: string; review_at: string }[];
  alerts: Alert[];
}

/** Acknowledges an open alert with what was concluded. */
export function AcknowledgeAlert({ alert, done, place }: { alert: Alert; done: () => unknown; place: string }) {
  const [note, setNote] = useState('');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api('POST', `/api/screening/alerts/${alert.id}/acknowledge`, { note }), done);
  };
  return (
    <form onSubmit={submit} className="inline">
      <label htmlFor={`ack-${place}-${alert.id}`}>Conclusion on {alert.entry_name}</label>
      <input
        id={`ack-${place}-${alert.id}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        minLength={3}
        required
      />
      <button type="submit">Acknowledge</button>
      <ErrorText error={error} />
    </form>
  );
}

function Questionnaire({ id, done }: { id: string; done: () => unknown }) {
  const [endUse, setEndUse] = useState('');
  const [endUsers, setEndUsers] = useState('');
  const [countryRisk, setCountryRisk] = useState<string>('low');
  const [capability, setCapability] = useState<string>('general');
  const [flags, setFlags] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      intended_end_use: endUse,
      end_users: endUsers,
      country_risk: countryRisk,
      product_capability: capability,
      red_flags: flags,
      ...(notes ? { notes } : {}),
    };
    void run(() => api('PUT', `/api/screening/parties/${id}/questionnaire`, body), done);
  };
  const toggle = (flag: string, on: boolean) => setFlags(on ? [...flags, flag] : flags.filter((f) => f !== flag));
  return (
    <form onSubmit={submit} aria-labelledby="questionnaire">
      <h3 id="questionnaire">Human-rights questionnaire</h3>
      <label htmlFor="q-end-use">Intended end use</label>
      <textarea id="q-end-use" value={endUse} onChange={(e) => setEndUse(e.target.value)} minLength={3} required />
      <label htmlFor="q-end-users">End users</label>
      <input id="q-end-users" value={endUsers} onChange={(e) => setEndUsers(e.target.value)} minLength={2} required />
      <label htmlFor="q-country-risk">Country risk</label>
      <select id="q-country-risk" value={countryRisk} onChange={(e) => setCountryRisk(e.target.value)}>
        {countryRisks.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <label htmlFor="q-capability">Product capability</label>
      <select id="q-capability" value={capability} onChange={(e) => setCapability(e.target.value)}>
        {capabilities.map((c) => (
          <option key={c} value={c}>
            {words(c)}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>Red flags</legend>
        {redFlags.map((f) => (
          <label key={f} className="check">
            <input type="checkbox" checked={flags.includes(f)} onChange={(e) => toggle(f, e.target.checked)} />
            {words(f)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="q-notes">Notes (optional)</label>
      <textarea id="q-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div>
        <button type="submit">Save answers</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

function Decision({ id, done }: { id: string; done: () => unknown }) {
  const [decision, setDecision] = useState<string>('approved');
  const [reasons, setReasons] = useState('');
  const [conditions, setConditions] = useState('');
  const [reviewAt, setReviewAt] = useState('');
  const { run, error } = useAction();
  const withConditions = decision === 'approved_with_conditions';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      decision,
      reasons,
      ...(withConditions ? { conditions } : {}),
      ...(reviewAt ? { review_at: new Date(reviewAt).toISOString() } : {}),
    };
    void run(() => api('POST', `/api/screening/parties/${id}/decision`, body), done);
  };
  return (
    <form onSubmit={submit} aria-labelledby="decide">
      <h3 id="decide">Record a decision</h3>
      <label htmlFor="party-decision">Decision</label>
      <select id="party-decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
        {decisions.map((d) => (
          <option key={d} value={d}>
            {words(d)}
          </option>
        ))}
      </select>
      <label htmlFor="party-reasons">Reasons</label>
      <textarea
        id="party-reasons"
        value={reasons}
        onChange={(e) => setReasons(e.target.value)}
        minLength={10}
        required
      />
      {withConditions && (
        <>
          <label htmlFor="party-conditions">Conditions</label>
          <textarea
            id="party-conditions"
            value={conditions}
            onChange={(e) => setConditions(e.target.value)}
            minLength={3}
            required
          />
        </>
      )}
      <label htmlFor="party-review">Review again on (optional)</label>
      <input id="party-review" type="date" value={reviewAt} onChange={(e) => setReviewAt(e.target.value)} />
      <div>
        <button type="submit">Record decision</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

/** A party's due-diligence record: history, questionnaire, alerts to weigh and the decision. */
export function ScreeningParty({ id, changed }: { id: string; changed: () => unknown }) {
  const { can } = useSession();
  const record = useApi<PartyRecord>(`/api/screening/parties/${id}`);
  const done = async () => {
    await record.reload();
    await changed();
  };
  const r = record.data;
  if (!r) return <ErrorText error={record.error} />;
  const openAlerts = r.alerts.filter((a) => a.status === 'open');
  return (
    <section aria-labelledby="record" className="card">
      <h2 id="record">Due diligence: {r.name}</h2>
      <p>
        Status <strong data-testid="party-status">{words(r.status)}</strong> · next review {when(r.next_review_at)}
        {r.questionnaires[0] && ` · risk ${r.questionnaires[0].risk} (answered by ${r.questionnaires[0].answered_by})`}
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
          Decision: (d) => words(d.decision),
          Reasons: (d) => d.reasons,
          Conditions: (d) => d.conditions ?? '',
          By: (d) => d.decided_by,
          Review: (d) => when(d.review_at),
        }}
      />
      {can('screening:write') &&
        openAlerts.map((a) => <AcknowledgeAlert key={a.id} alert={a} place="record" done={() => void done()} />)}
      {can('screening:write') && <Questionnaire id={id} done={done} />}
      {can('screening:decide') && <Decision id={id} done={done} />}
    </section>
  );
}
