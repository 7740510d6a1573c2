import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api.ts';
import { webLink } from '../links.ts';
import { useApi } from '../use-api.ts';
import { ErrorText, when } from '../ui.tsx';
import type { OfficerRequest } from './PortalRequests.tsx';

export function PortalRequest() {
  const { id = '' } = useParams();
  const request = useApi<OfficerRequest>(`/api/lawful/portal/requests/${id}`);
  const productions = useApi<{ productions: { filename: string; url: string; expires_at: string }[] }>(
    request.data?.state === 'disclosed' ? `/api/lawful/portal/requests/${id}/productions` : null,
  );
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string>();
  const r = request.data;
  if (!r) return <ErrorText error={request.error} />;
  const reply = async () => {
    try {
      await api('POST', `/api/lawful/portal/requests/${id}/clarification`, { answer });
      await request.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <article aria-labelledby="req">
      <h1 id="req">Request {r.case_number}</h1>
      <p>
        {r.request_type.replace(/_/g, ' ')} · submitted {when(r.submitted_at)} · status{' '}
        <strong data-testid="portal-state">{r.state.replace(/_/g, ' ')}</strong>
      </p>
      {r.questions.length > 0 && (
        <>
          <h2>Questions from the reviewer</h2>
          <ul>
            {r.questions.map((q, i) => (
              <li key={i}>{q.question ?? `Your answer: ${q.answer}`}</li>
            ))}
          </ul>
        </>
      )}
      {r.state === 'clarification_requested' && (
        <>
          <label htmlFor="answer">Your answer</label>
          <textarea id="answer" value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <button onClick={() => void reply()}>Send answer</button>
        </>
      )}
      {productions.data && (
        <>
          <h2>Productions</h2>
          <ul>
            {productions.data.productions.map((p) => (
              <li key={p.url}>
                <a href={webLink(p.url)}>{p.filename}</a> (link expires {when(p.expires_at)})
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorText error={error} />
    </article>
  );
}
