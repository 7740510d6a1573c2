import type { ReactNode } from 'react';

export const ErrorText = ({ error }: { error: string | undefined }) =>
  error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;

/** A table of rows; `columns` maps a header to how a cell is shown. */
export function Table<T>({
  rows,
  columns,
  caption,
}: {
  rows: readonly T[];
  columns: Record<string, (row: T) => ReactNode>;
  caption: string;
}) {
  if (rows.length === 0) return <p>Nothing here yet.</p>;
  return (
    <table>
      <caption className="skip">{caption}</caption>
      <thead>
        <tr>
          {Object.keys(columns).map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {Object.entries(columns).map(([c, cell]) => (
              <td key={c}>{cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Refused() {
  return (
    <section aria-labelledby="refused">
      <h1 id="refused">Not available to your role</h1>
      <p>Your account does not have access to this page. Ask an administrator if you need it.</p>
    </section>
  );
}

export const when = (iso: unknown) => (typeof iso === 'string' ? new Date(iso).toLocaleString() : '');
