import { NavLink, Navigate, Route, Routes } from 'react-router';
import type { ReactNode } from 'react';
import { useSession } from './session.tsx';
import { Refused } from './ui.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Setup } from './pages/Setup.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { Intel } from './pages/Intel.tsx';
import { Actor } from './pages/Actor.tsx';
import { Cases } from './pages/Cases.tsx';
import { CasePage } from './pages/Case.tsx';
import { Notices } from './pages/Notices.tsx';
import { LawfulQueue } from './pages/LawfulQueue.tsx';
import { LawfulRequest } from './pages/LawfulRequest.tsx';
import { Agencies } from './pages/Agencies.tsx';
import { Sharing } from './pages/Sharing.tsx';
import { Audit } from './pages/Audit.tsx';
import { Users } from './pages/Users.tsx';
import { Transparency } from './pages/Transparency.tsx';
import { Screening } from './pages/Screening.tsx';
import { PortalRequests } from './portal/PortalRequests.tsx';
import { PortalSubmit } from './portal/PortalSubmit.tsx';
import { PortalRequest } from './portal/PortalRequest.tsx';

interface Page {
  path: string;
  label: string;
  permission: string;
  element: ReactNode;
  menu?: boolean;
}

// Every page names the permission it needs: the menu shows only those a role has, and a page opened directly by
// someone without it says so (the API refuses the data regardless).
const pages: Page[] = [
  { path: '/console', label: 'Dashboard', permission: 'authenticated', element: <Dashboard /> },
  { path: '/console/intel', label: 'Intelligence', permission: 'intel:read', element: <Intel /> },
  { path: '/console/intel/:id', label: 'Actor', permission: 'intel:read', element: <Actor />, menu: false },
  { path: '/console/cases', label: 'Cases', permission: 'cases:read', element: <Cases /> },
  { path: '/console/cases/:id', label: 'Case', permission: 'cases:read', element: <CasePage />, menu: false },
  { path: '/console/notices', label: 'Notifications', permission: 'cases:read', element: <Notices /> },
  { path: '/console/lawful', label: 'Lawful requests', permission: 'lawful:read', element: <LawfulQueue /> },
  {
    path: '/console/lawful/:id',
    label: 'Request',
    permission: 'lawful:read',
    element: <LawfulRequest />,
    menu: false,
  },
  { path: '/console/agencies', label: 'Agencies', permission: 'lawful:agencies', element: <Agencies /> },
  { path: '/console/screening', label: 'Due diligence', permission: 'screening:read', element: <Screening /> },
  { path: '/console/sharing', label: 'Sharing', permission: 'share:read', element: <Sharing /> },
  { path: '/console/transparency', label: 'Transparency', permission: 'transparency:read', element: <Transparency /> },
  { path: '/console/audit', label: 'Audit log', permission: 'audit:read', element: <Audit /> },
  { path: '/console/users', label: 'Users and tokens', permission: 'tokens:manage', element: <Users /> },
  { path: '/portal', label: 'My requests', permission: 'lawful:submit', element: <PortalRequests /> },
  { path: '/portal/new', label: 'Submit a request', permission: 'lawful:submit', element: <PortalSubmit /> },
  {
    path: '/portal/requests/:id',
    label: 'Request',
    permission: 'lawful:submit',
    element: <PortalRequest />,
    menu: false,
  },
];

export function App() {
  const { me, can } = useSession();
  if (me === undefined) return <p>Loading…</p>;
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <Routes>
        <Route path="/setup" element={<Setup />} />
        <Route path="/console/sign-in" element={<SignIn />} />
        <Route path="/portal/sign-in" element={<SignIn />} />
        {pages.map((p) => (
          <Route
            key={p.path}
            path={p.path}
            element={
              !me?.signed_in ? (
                <Navigate to={p.path.startsWith('/portal') ? '/portal/sign-in' : '/console/sign-in'} replace />
              ) : (
                <Shell>{can(p.permission) ? p.element : <Refused />}</Shell>
              )
            }
          />
        ))}
        <Route path="*" element={<Navigate to={me?.role === 'agency_officer' ? '/portal' : '/console'} replace />} />
      </Routes>
    </>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { me, can } = useSession();
  return (
    <div className="shell">
      <nav className="side" aria-label="Main">
        <p>
          <strong>Accord</strong>
          <br />
          <small>
            {me?.username} ({me?.role.replace('_', ' ')})
          </small>
        </p>
        <ul>
          {pages
            .filter((p) => p.menu !== false && can(p.permission))
            .map((p) => (
              <li key={p.path}>
                <NavLink to={p.path} end>
                  {p.label}
                </NavLink>
              </li>
            ))}
          <li>
            <a href="/">Public site</a>
          </li>
        </ul>
      </nav>
      <main id="content">{children}</main>
    </div>
  );
}
