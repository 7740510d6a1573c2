import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { ErrorText } from '../ui.tsx';
import { dataCategories as categories, requestTypes as types } from '../api-values.ts';

export function PortalSubmit() {
  const navigate = useNavigate();
  const [form, setForm] = useState({
    request_type: 'subpoena',
    legal_basis: '',
    issuing_authority: '',
    case_number: '',
    targets: '',
    emergency_narrative: '',
    nondisclosure_until: '',
  });
  const [chosen, setChosen] = useState<string[]>(['subscriber']);
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const created = await api<{ id: string }>('POST', '/api/lawful/portal/requests', {
        request_type: form.request_type,
        legal_basis: form.legal_basis,
        issuing_authority: form.issuing_authority,
        case_number: form.case_number,
        targets: form.targets.split(/\s*[\n,]\s*/).filter(Boolean),
        data_categories: chosen,
        ...(form.emergency_narrative ? { emergency_narrative: form.emergency_narrative } : {}),
        ...(form.nondisclosure_until ? { nondisclosure_until: new Date(form.nondisclosure_until).toISOString() } : {}),
      });
      if (file)
        await api(
          'POST',
          `/api/lawful/portal/requests/${created.id}/documents?filename=${encodeURIComponent(file.name)}`,
          file,
        );
      navigate(`/portal/requests/${created.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="submit">
      <h1 id="submit">Submit a request</h1>
      <label htmlFor="request_type">Type</label>
      <select id="request_type" value={form.request_type} onChange={set('request_type')}>
        {types.map((t) => (
          <option key={t} value={t}>
            {t.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      <label htmlFor="legal_basis">Legal basis</label>
      <input id="legal_basis" value={form.legal_basis} onChange={set('legal_basis')} required minLength={3} />
      <label htmlFor="issuing_authority">Issuing authority</label>
      <input
        id="issuing_authority"
        value={form.issuing_authority}
        onChange={set('issuing_authority')}
        required
        minLength={3}
      />
      <label htmlFor="case_number">Case number</label>
      <input id="case_number" value={form.case_number} onChange={set('case_number')} required />
      <label htmlFor="targets">Target accounts (one per line)</label>
      <textarea id="targets" value={form.targets} onChange={set('targets')} required />
      <fieldset>
        <legend>Data asked for</legend>
        {categories.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={chosen.includes(c)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, c] : chosen.filter((x) => x !== c))}
            />{' '}
            {c.replace('_', ' ')}
          </label>
        ))}
      </fieldset>
      {form.request_type === 'emergency_disclosure' && (
        <>
          <label htmlFor="emergency_narrative">The imminent danger</label>
          <textarea
            id="emergency_narrative"
            value={form.emergency_narrative}
            onChange={set('emergency_narrative')}
            required
            minLength={10}
          />
        </>
      )}
      <label htmlFor="nondisclosure_until">Non-disclosure order until (optional)</label>
      <input
        id="nondisclosure_until"
        type="date"
        value={form.nondisclosure_until}
        onChange={set('nondisclosure_until')}
      />
      <label htmlFor="document">Supporting document (PDF)</label>
      <input id="document" type="file" accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0])} />
      <div>
        <button type="submit">Submit</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
