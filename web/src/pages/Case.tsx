import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';
import type { CaseRow } from './Cases.tsx';
import { noticeLanguages as languages } from '../api-values.ts';
import { RevealWithReason } from './RevealWithReason.tsx';

interface Detail extends CaseRow {
  timeline: { detection_id: string; matched_value: string; first_seen: string; count: number; retroactive: boolean }[];
  notes: { id: string; author: string; body: string; created_at: string }[];
}
interface Notice {
  id: string;
  case_id: string;
  state: string;
  approvals: number;
  approvals_required: number;
}
interface Preview {
  dir: string;
  subject: string;
  text: string;
}
const next: Record<string, string[]> = {
  new: ['triage', 'dismissed'],
  triage: ['confirmed', 'dismissed'],
  confirmed: ['triage', 'closed'],
  notified: ['closed'],
};

interface StaffUser {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
}
const canWorkCases = new Set(['admin', 'analyst']);

/** Who works the case: oneself, nobody, or (for those who may list users) any analyst. */
function Assign({
  assigneeId,
  meId,
  assign,
}: {
  assigneeId: string | null;
  meId: string;
  assign: (assignee: string | null) => void;
}) {
  const { can } = useSession();
  const users = useApi<StaffUser[]>(can('users:read') ? '/api/users' : null);
  const staff = (users.data ?? []).filter((u) => canWorkCases.has(u.role) && !u.disabled);
  const [chosen, setChosen] = useState('');
  const name = (uid: string | null) =>
    uid === null ? 'nobody' : uid === meId ? 'you' : (staff.find((u) => u.id === uid)?.username ?? uid.slice(0, 8));
  return (
    <p>
      Assigned to <strong data-testid="case-assignee">{name(assigneeId)}</strong>{' '}
      {assigneeId !== meId && (
        <button className="secondary" onClick={() => assign(meId)}>
          Assign to me
        </button>
      )}
      {assigneeId !== null && (
        <button className="secondary" onClick={() => assign(null)}>
          Unassign
        </button>
      )}
      {staff.length > 0 && (
        <>
          <label htmlFor="assignee">Assign to</label>
          <select id="assignee" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">choose…</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username} ({u.role})
              </option>
            ))}
          </select>
          <button className="secondary" disabled={!chosen} onClick={() => assign(chosen)}>
            Assign
          </button>
        </>
      )}
    </p>
  );
}

export function CasePage() {
  const { id = '' } = useParams();
  const { can, me } = useSession();
  const detail = useApi<Detail>(`/api/cases/${id}`);
  const notices = useApi<{ notices: Notice[] }>('/api/notifications?limit=500');
  const [error, setError] = useState<string>();
  const [language, setLanguage] = useState('en');
  const [preview, setPreview] = useState<Preview>();
  const c = detail.data;
  const notice = notices.data?.notices.find((n) => n.case_id === id);

  const act = async (method: string, path: string, body?: unknown) => {
    setError(undefined);
    try {
      await api(method, path, body);
      await Promise.all([detail.reload(), notices.reload()]);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const showPreview = async () => {
    try {
      setPreview(
        await api<Preview>('POST', '/api/notifications/preview', {
          language,
          variables: {
            name: 'Account holder',
            provider: window.location.hostname,
            help_url: 'https://www.accessnow.org/help/',
            verify_url: `${window.location.origin}/security-warning`,
            date: new Date().toISOString().slice(0, 10),
          },
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (!c) return <ErrorText error={detail.error ?? undefined} />;
  return (
    <article aria-labelledby="case">
      <h1 id="case">
        {c.actor}: case {c.id.slice(0, 8)}
      </h1>
      <p>
        State: <strong data-testid="case-state">{c.state}</strong> · confidence {c.confidence} · first seen{' '}
        {when(c.first_seen)}
      </p>
      {can('cases:reveal') && (
        // Keyed by case: whom one case concerns never shows on another's page.
        <RevealWithReason<{ subject: string | null }>
          key={id}
          label="Reveal whom it concerns"
          path={`/api/cases/${id}/reveal`}
          show={(v) => (
            <p>
              Concerns <code data-testid="case-subject">{v.subject ?? 'an unknown account'}</code>
            </p>
          )}
        />
      )}
      {can('cases:write') && (
        <p>
          {(next[c.state] ?? []).map((to) => (
            <button key={to} onClick={() => void act('POST', `/api/cases/${id}/transition`, { state: to })}>
              {to === 'confirmed' ? 'Confirm' : to === 'dismissed' ? 'Dismiss' : `Move to ${to}`}
            </button>
          ))}
        </p>
      )}
      {can('cases:write') && me && (
        <Assign
          assigneeId={c.assignee_id}
          meId={me.id}
          assign={(assignee) => void act('POST', `/api/cases/${id}/assign`, { assignee })}
        />
      )}
      <h2>Timeline</h2>
      <Table
        caption="Detections"
        rows={c.timeline}
        columns={{
          Seen: (t) => when(t.first_seen),
          Matched: (t) => <code>{t.matched_value}</code>,
          Events: (t) => t.count,
          Retroactive: (t) => (t.retroactive ? 'yes' : ''),
        }}
      />
      <h2>Notice to the person targeted</h2>
      {notice ? (
        <p data-testid="notice-state">
          Notice {notice.state.replace('_', ' ')} ({notice.approvals}/{notice.approvals_required} approvals)
          {notice.state === 'pending_approval' && can('notify:approve') && (
            <button onClick={() => void act('POST', `/api/notifications/${notice.id}/approve`)}>Approve notice</button>
          )}
        </p>
      ) : (
        c.state === 'confirmed' &&
        can('notify:approve') && (
          <p>
            <button onClick={() => void act('POST', '/api/notifications', { case_id: id, language })}>
              Send notice
            </button>
          </p>
        )
      )}
      <label htmlFor="language">Language</label>
      <select id="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
        {languages.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </select>
      <button className="secondary" onClick={() => void showPreview()}>
        Preview
      </button>
      {preview && (
        <div className="notice card" dir={preview.dir} lang={language}>
          <strong>{preview.subject}</strong>
          <pre style={{ whiteSpace: 'pre-wrap' }}>{preview.text}</pre>
        </div>
      )}
      <ErrorText error={error} />
    </article>
  );
}
