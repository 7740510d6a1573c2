import { useId, useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { revealReasonLength as bounds } from '../api-values.ts';
import { ErrorText } from '../ui.tsx';

/** What is wrong with a reason, by the server's own rule (length in characters, not only blanks), or nothing. */
export function reasonProblem(reason: string): string | undefined {
  const length = [...reason].length;
  if (!/\S/.test(reason) || length < bounds.min) return `Give a reason of at least ${bounds.min} characters.`;
  if (length > bounds.max) return `Keep the reason under ${bounds.max} characters (it has ${length}).`;
  return undefined;
}

/**
 * A "Reveal …" button that asks for the reason, POSTs it to `path` and shows the answer with `show`. The answer lives
 * in this component's state only: it is gone when the page is left (render it with a `key` per record, so moving to
 * another record drops it too). The server's problem detail is shown as it is.
 */
export function RevealWithReason<T>({
  label,
  path,
  show,
}: {
  label: string;
  path: string;
  show: (revealed: T) => ReactNode;
}) {
  const field = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string>();
  const [revealed, setRevealed] = useState<T>();
  const problem = reasonProblem(reason);

  if (revealed !== undefined) return <div data-testid="revealed">{show(revealed)}</div>;
  if (!asking)
    return (
      <button className="secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  const submit = async () => {
    setTried(true);
    setError(undefined);
    if (problem) return;
    try {
      setRevealed(await api<T>('POST', path, { reason }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={field}>Reason for revealing (recorded in the audit log)</label>
      <textarea
        id={field}
        value={reason}
        aria-invalid={tried && !!problem}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorText error={tried ? (problem ?? error) : undefined} />
      <button type="submit">{label}</button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </form>
  );
}
