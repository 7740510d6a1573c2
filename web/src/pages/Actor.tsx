import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { ErrorText, Table } from '../ui.tsx';

interface StixObject {
  id: string;
  type: string;
  name?: string;
  description?: string;
  aliases?: string[];
  pattern?: string;
}

export function Actor() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const object = useApi<{ objects: StixObject[] }>(`/api/intel/objects/${id}`);
  const context = useApi<{ attribution: { id: string; type: string; name: string | null; via: string }[] }>(
    `/api/intel/objects/${id}/context`,
  );
  const o = object.data?.objects[0];
  const indicators = useApi<{ objects: { id: string; name: string | null }[] }>(
    o?.name ? `/api/intel/objects?type=indicator&actor=${encodeURIComponent(o.name)}&limit=100` : null,
  );
  const [message, setMessage] = useState<string>();
  const publish = async () => {
    try {
      await api('POST', `/api/intel/objects/${id}/public-profile`);
      setMessage('Published on the public site.');
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <article aria-labelledby="actor">
      <h1 id="actor">{o?.name ?? id}</h1>
      <ErrorText error={object.error} />
      {o && (
        <>
          <p>
            <em>{o.type}</em>
            {o.aliases?.length ? ` · also known as ${o.aliases.join(', ')}` : ''}
          </p>
          {o.description && <p>{o.description}</p>}
        </>
      )}
      <h2>Relationships</h2>
      <Table
        caption="Relationships"
        rows={context.data?.attribution ?? []}
        columns={{ Object: (r) => r.name ?? r.id, Type: (r) => r.type, Via: (r) => r.via }}
      />
      <h2>Indicators</h2>
      <Table
        caption="Indicators"
        rows={indicators.data?.objects ?? []}
        columns={{ Indicator: (r) => r.name ?? r.id, Id: (r) => <code>{r.id}</code> }}
      />
      {can('intel:write') && (
        <p>
          <button className="secondary" onClick={() => void publish()}>
            Publish as a public profile
          </button>
          {message && <span role="status"> {message}</span>}
        </p>
      )}
    </article>
  );
}
