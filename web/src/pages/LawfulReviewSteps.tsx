import { useState, type FormEvent } from 'react';
import { api, upload } from '../api.ts';
import { useAction } from '../use-api.ts';
import { ErrorText } from '../ui.tsx';

interface Contact {
  id: string;
  name: string;
  phone: string;
  source: string;
}
interface Step {
  id: string;
  changed: () => unknown;
}

/** A callback through a contact registered for the agency, with what it established. */
export function Callback({ id, changed, contacts }: Step & { contacts: Contact[] }) {
  const [contact, setContact] = useState('');
  const [outcome, setOutcome] = useState('confirmed');
  const [notes, setNotes] = useState('');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { contact_id: contact, outcome, notes: notes || `${outcome.replace('_', ' ')} by phone` };
    void run(() => api('POST', `/api/lawful/requests/${id}/callbacks`, body), changed);
  };
  return (
    <form onSubmit={submit} aria-labelledby="callback">
      <h2 id="callback">Callback</h2>
      <label htmlFor="contact">Independently sourced contact</label>
      <select id="contact" value={contact} onChange={(e) => setContact(e.target.value)} required>
        <option value="">choose…</option>
        {contacts.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} {c.phone} ({c.source})
          </option>
        ))}
      </select>
      <label htmlFor="callback-outcome">Outcome</label>
      <select id="callback-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
        <option value="confirmed">the agency confirmed the request</option>
        <option value="not_confirmed">not confirmed (unreachable, or denied sending it)</option>
      </select>
      <label htmlFor="callback-notes">Notes</label>
      <textarea id="callback-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div>
        <button type="submit" disabled={!contact}>
          Record callback
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

/** A question to the agency: the request waits for the officer's answer in the portal. */
export function Clarification({ id, changed }: Step) {
  const [question, setQuestion] = useState('');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api('POST', `/api/lawful/requests/${id}/clarification`, { question }), changed);
  };
  return (
    <form onSubmit={submit} aria-labelledby="clarify">
      <h2 id="clarify">Ask the agency</h2>
      <label htmlFor="question">Question for the agency</label>
      <textarea id="question" value={question} onChange={(e) => setQuestion(e.target.value)} required />
      <div>
        <button type="submit">Ask for clarification</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

/** The second reviewer agrees, or sends the request back to review with the reason. */
export function SecondApproval({ id, changed }: Step) {
  const [reasons, setReasons] = useState('');
  const { run, error } = useAction();
  const send = (agree: boolean) => (e: FormEvent) => {
    e.preventDefault();
    const body = { agree, reasons: reasons || (agree ? 'agreed on review' : '') };
    void run(() => api('POST', `/api/lawful/requests/${id}/second-approval`, body), changed);
  };
  return (
    <form onSubmit={send(true)} aria-labelledby="second">
      <h2 id="second">Second review</h2>
      <label htmlFor="second-reasons">Your reasons (required to send it back)</label>
      <textarea id="second-reasons" value={reasons} onChange={(e) => setReasons(e.target.value)} />
      <div>
        <button type="submit">Approve as second reviewer</button>
        <button
          type="button"
          className="secondary"
          disabled={reasons.trim().length < 3}
          onClick={(e) => send(false)(e)}
        >
          Disagree and send back to review
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

/** The data to produce, sealed at rest; the officer downloads it from the portal once the request is disclosed. */
export function Production({ id }: { id: string }) {
  const [attached, setAttached] = useState<{ filename: string; sha256: string }[]>([]);
  const [progress, setProgress] = useState<number>();
  const { run, error } = useAction();
  const send = (file: File | undefined) =>
    file &&
    void run(async () => {
      const bytes = new Blob([file], { type: 'application/octet-stream' });
      const path = `/api/lawful/requests/${id}/productions?filename=${encodeURIComponent(file.name)}`;
      const r = await upload<{ sha256: string }>(path, bytes, setProgress);
      setAttached((a) => [...a, { filename: file.name, sha256: r.sha256 }]);
      setProgress(undefined);
    });
  return (
    <section aria-labelledby="production">
      <h2 id="production">Production</h2>
      <label htmlFor="production-file">Data to produce (any file, at most 50 MB)</label>
      <input id="production-file" type="file" onChange={(e) => send(e.target.files?.[0])} />
      {progress !== undefined && <progress value={progress} max={1} aria-label="Upload progress" />}
      <ul>
        {attached.map((p) => (
          <li key={p.sha256} role="status">
            Attached {p.filename} (SHA-256 <code>{p.sha256}</code>)
          </li>
        ))}
      </ul>
      <ErrorText error={error} />
    </section>
  );
}
