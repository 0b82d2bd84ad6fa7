import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage, logout } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { forgetDrafts } from './drafts.ts';
import { accessIn, meKey, signInPath, useMe } from './session.ts';
import { Loading, Problem } from './ui.tsx';

/** Signed-in frame: header with the user, and the page below; anonymous visitors go to sign in. */
export function Shell() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => {
      forgetDrafts();
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      void navigate('/sign-in');
    },
  });

  if (me.isPending) return <Loading what="your account" />;
  if (me.isError) return <Problem error={me.error} />;
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;

  return (
    <div className="app">
      <header className="app-header">
        <NavLink to="/" className="brand">
          Cascade
        </NavLink>
        <div className="user">
          <span>
            Signed in as <strong>{me.data.username}</strong>
            {me.data.systemAdmin && <span className="badge">system admin</span>}
          </span>
          <button type="button" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </div>
      </header>
      {signOut.isError && (
        <p role="alert" className="error">
          {errorMessage(signOut.error)}
        </p>
      )}
      <Outlet />
    </div>
  );
}

/** The landing page: the first team's history. */
export function Home() {
  const me = useMe();
  const first = me.data?.teams[0]?.name;
  if (!first) {
    return (
      <main className="page">
        <p>You are not a member of any team yet. A team administrator can add you.</p>
      </main>
    );
  }
  return <Navigate to={`/teams/${encodeURIComponent(first)}`} replace />;
}

export function NotFoundPage() {
  return (
    <main className="page">
      <p role="alert" className="error">
        Not found: there is no page at this address.
      </p>
    </main>
  );
}

/** Team and project pickers, the section links, and the page. */
export function TeamLayout() {
  const { team = '', project } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const access = accessIn(me.data, team);
  const projects = useQuery({ queryKey: ['projects', team], queryFn: () => api.projects(team) });

  // The tab title names where the user is, so several open tabs and the history list stay readable.
  useEffect(() => {
    document.title = project ? `${project} · ${team} · Cascade` : `${team} · Cascade`;
  }, [team, project]);

  const teams = me.data?.teams ?? [];
  const base = `/teams/${encodeURIComponent(team)}`;
  const projectBase = project ? `${base}/projects/${encodeURIComponent(project)}` : null;

  return (
    <>
      <nav className="context" aria-label="Team and project">
        <label>
          Team
          <select
            aria-label="Team"
            value={team}
            onChange={(e) => void navigate(`/teams/${encodeURIComponent(e.target.value)}`)}
          >
            {!teams.some((t) => t.name === team) && <option value={team}>{team}</option>}
            {teams.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Project
          <select
            aria-label="Project"
            value={project ?? ''}
            disabled={!projects.data}
            onChange={(e) =>
              void navigate(e.target.value ? `${base}/projects/${encodeURIComponent(e.target.value)}` : base)
            }
          >
            <option value="">All projects</option>
            {projects.data?.map((p) => (
              <option key={p.id} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {access.role && <span className="badge">{access.role.toLowerCase()}</span>}
      </nav>
      <nav className="tabs" aria-label="Sections">
        <NavLink to={projectBase ?? base} end>
          History
        </NavLink>
        <NavLink to={`${projectBase ?? base}/overview`}>Overview</NavLink>
        {projectBase && <NavLink to={`${projectBase}/automations`}>Automations</NavLink>}
        {access.canAdmin && <NavLink to={`${base}/settings`}>Team settings</NavLink>}
      </nav>
      <main className="page">
        {projects.isError ? (
          <Problem error={projects.error} />
        ) : project && projects.data && !projects.data.some((p) => p.name === project) ? (
          <p role="alert" className="error">
            Not found: the team {team} has no project {project}.
          </p>
        ) : (
          <Outlet />
        )}
      </main>
    </>
  );
}
