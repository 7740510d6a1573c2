import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAction, useApi } from '../use-api.ts';
import { ErrorText, Table, when } from '../ui.tsx';

interface Agency {
  id: string;
  name: string;
  country: string;
  agency_type: string;
  email_domains: string[];
  status: string;
}
interface Contact {
  id: string;
  name: string;
  role: string;
  phone: string;
  source: string;
  added_by: string;
  verified_by: string | null;
  verified_at: string | null;
}
interface Change {
  id: string;
  agency_id: string;
  kind: 'register' | 'add_domain';
  domains: string[];
  flags: { domain: string; resembles: string; why: string }[];
  requested_by: string;
  requested_at: string;
}

function NewAgency({ created }: { created: () => unknown }) {
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [type, setType] = useState('police');
  const [authority, setAuthority] = useState('');
  const [domains, setDomains] = useState('');
  const { run, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      country,
      agency_type: type,
      legal_authority: authority,
      email_domains: domains.split(/[\s,]+/).filter(Boolean),
    };
    void run(() => api('POST', '/api/lawful/agencies', body), created);
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-agency">
      <h2 id="new-agency">Register an agency</h2>
      <label htmlFor="agency-name">Agency name</label>
      <input id="agency-name" value={name} onChange={(e) => setName(e.target.value)} minLength={2} required />
      <label htmlFor="agency-country">Country (ISO code)</label>
      <input
        id="agency-country"
        value={country}
        onChange={(e) => setCountry(e.target.value)}
        pattern="[A-Za-z]{2}"
        required
      />
      <label htmlFor="agency-type">Type</label>
      <input id="agency-type" value={type} onChange={(e) => setType(e.target.value)} minLength={2} required />
      <label htmlFor="agency-authority">Legal authority</label>
      <input
        id="agency-authority"
        value={authority}
        onChange={(e) => setAuthority(e.target.value)}
        minLength={2}
        required
      />
      <label htmlFor="agency-domains">E-mail domains (comma-separated; another person approves them)</label>
      <input id="agency-domains" value={domains} onChange={(e) => setDomains(e.target.value)} required />
      <div>
        <button type="submit">Register agency</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

/** Callback contacts: sourced independently of any request (a switchboard number, not one given in a request). */
function Contacts({ agency }: { agency: Agency }) {
  const contacts = useApi<{ contacts: Contact[] }>(`/api/lawful/agencies/${agency.id}/contacts`);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [phone, setPhone] = useState('');
  const [source, setSource] = useState('');
  const { run, error } = useAction();
  const verify = (c: Contact) =>
    void run(() => api('POST', `/api/lawful/agencies/${agency.id}/contacts/${c.id}/verify`), contacts.reload);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () => api('POST', `/api/lawful/agencies/${agency.id}/contacts`, { name, role, phone, source }),
      contacts.reload,
    );
  };
  return (
    <section aria-labelledby="contacts" className="card">
      <h2 id="contacts">Callback contacts of {agency.name}</h2>
      <Table
        caption="Callback contacts"
        rows={contacts.data?.contacts ?? []}
        columns={{
          Name: (c) => c.name,
          Role: (c) => c.role,
          Phone: (c) => c.phone,
          'How it was sourced': (c) => c.source,
          'Added by': (c) => c.added_by,
          // Counts only once another person verified it, and only for requests that arrive afterwards.
          Verified: (c) =>
            c.verified_at ? (
              `${when(c.verified_at)} by ${c.verified_by ?? ''}`
            ) : (
              <button className="secondary" onClick={() => verify(c)}>
                Verify {c.name}
              </button>
            ),
        }}
      />
      <form onSubmit={submit}>
        <label htmlFor="contact-name">Contact name</label>
        <input id="contact-name" value={name} onChange={(e) => setName(e.target.value)} minLength={2} required />
        <label htmlFor="contact-role">Contact role</label>
        <input id="contact-role" value={role} onChange={(e) => setRole(e.target.value)} minLength={2} required />
        <label htmlFor="contact-phone">Phone</label>
        <input
          id="contact-phone"
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          minLength={5}
          required
        />
        <label htmlFor="contact-source">Where the number comes from (not from a request)</label>
        <input id="contact-source" value={source} onChange={(e) => setSource(e.target.value)} minLength={5} required />
        <div>
          <button type="submit">Add contact</button>
        </div>
      </form>
      <ErrorText error={error ?? contacts.error} />
    </section>
  );
}

/** Registrations and new domains wait for another person's approval; look-alike evidence is shown first. */
function PendingChanges({ changed }: { changed: () => unknown }) {
  const changes = useApi<{ changes: Change[] }>('/api/lawful/agency-changes?status=pending');
  const [reasons, setReasons] = useState('');
  const { run, error } = useAction();
  const decide = (c: Change, approve: boolean) =>
    void run(
      () =>
        api('POST', `/api/lawful/agency-changes/${c.id}/decision`, {
          approve,
          reasons,
          ...(approve && c.flags.length > 0 ? { acknowledge_lookalikes: true } : {}),
        }),
      async () => {
        await changes.reload();
        await changed();
      },
    );
  return (
    <section aria-labelledby="pending-changes" className="card">
      <h2 id="pending-changes">Waiting for a second person</h2>
      <Table
        caption="Pending registrations and domains"
        rows={changes.data?.changes ?? []}
        columns={{
          Change: (c) => `${c.kind === 'register' ? 'registration' : 'new domain'}: ${c.domains.join(', ')}`,
          'Asked by': (c) => `${c.requested_by}, ${when(c.requested_at)}`,
          'Look-alikes': (c) =>
            c.flags.length === 0 ? 'none found' : c.flags.map((f) => `${f.domain}: ${f.why}`).join('; '),
          Decision: (c) => (
            <>
              <button onClick={() => decide(c, true)}>
                {c.flags.length > 0 ? 'Approve despite the look-alikes' : 'Approve'}
              </button>{' '}
              <button className="secondary" onClick={() => decide(c, false)}>
                Reject
              </button>
            </>
          ),
        }}
      />
      <label htmlFor="change-reasons">Your reasons</label>
      <input id="change-reasons" value={reasons} onChange={(e) => setReasons(e.target.value)} minLength={3} />
      <ErrorText error={error ?? changes.error} />
    </section>
  );
}

export function Agencies() {
  const agencies = useApi<{ agencies: Agency[] }>('/api/lawful/agencies');
  const [open, setOpen] = useState<Agency>();
  // A new registration is a new pending change: remount the list to fetch it.
  const [version, setVersion] = useState(0);
  return (
    <section aria-labelledby="agencies">
      <h1 id="agencies">Agency registry</h1>
      <ErrorText error={agencies.error} />
      <Table
        caption="Agencies"
        rows={agencies.data?.agencies ?? []}
        columns={{
          Agency: (a) => (
            <button className="secondary" aria-expanded={open?.id === a.id} onClick={() => setOpen(a)}>
              {a.name}
            </button>
          ),
          Country: (a) => a.country,
          Type: (a) => a.agency_type,
          'Verified domains': (a) => a.email_domains.join(', '),
          Status: (a) => a.status,
        }}
      />
      <PendingChanges key={version} changed={agencies.reload} />
      {open && <Contacts key={open.id} agency={open} />}
      <NewAgency
        created={() => {
          setVersion((v) => v + 1);
          return agencies.reload();
        }}
      />
    </section>
  );
}
