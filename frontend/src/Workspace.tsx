import { useEffect, useState } from 'react';
import {
  ApiError,
  type Automation,
  type Me,
  type Project,
  errorMessage,
  fetchAutomations,
  fetchProjects,
  isAbort,
} from './api.ts';
import { AutomationTable } from './AutomationTable.tsx';

interface Props {
  me: Me;
  onUnauthorized: () => void;
}

/** Result of a load, tagged with what it was loaded for so that a stale result is never shown. */
type Loaded<T> = { key: string; ok: true; value: T } | { key: string; ok: false; message: string };

interface Selection {
  team: string;
  project: string;
}

const automationsKey = (s: Selection) => `${s.team}\u0000${s.project}`;

export function Workspace({ me, onUnauthorized }: Props) {
  const [selection, setSelection] = useState<Selection>({ team: me.teams[0]?.name ?? '', project: '' });
  const [projects, setProjects] = useState<Loaded<Project[]> | null>(null);
  const [automations, setAutomations] = useState<Loaded<Automation[]> | null>(null);
  const { team, project } = selection;

  // Load the projects of the selected team, then select its first project.
  useEffect(() => {
    if (!team) return;
    const controller = new AbortController();
    fetchProjects(team, controller.signal).then(
      (list) => {
        if (controller.signal.aborted) return;
        setProjects({ key: team, ok: true, value: list });
        setSelection((s) => (s.team === team && !s.project ? { team, project: list[0]?.name ?? '' } : s));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) return onUnauthorized();
        setProjects({ key: team, ok: false, message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [team, onUnauthorized]);

  // Load the automations of the selected project.
  useEffect(() => {
    if (!team || !project) return;
    const key = automationsKey({ team, project });
    const controller = new AbortController();
    fetchAutomations(team, project, controller.signal).then(
      (list) => {
        if (!controller.signal.aborted) setAutomations({ key, ok: true, value: list });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) return onUnauthorized();
        setAutomations({ key, ok: false, message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [team, project, onUnauthorized]);

  if (me.teams.length === 0) {
    return <p>You are not a member of any team yet.</p>;
  }

  const currentProjects = projects?.key === team ? projects : null;
  const projectList = currentProjects?.ok ? currentProjects.value : [];
  const currentAutomations = automations?.key === automationsKey(selection) ? automations : null;

  return (
    <>
      <div className="pickers">
        <label>
          Team
          <select
            aria-label="Team"
            value={team}
            onChange={(e) => setSelection({ team: e.target.value, project: '' })}
          >
            {me.teams.map((t) => (
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
            value={project}
            disabled={projectList.length === 0}
            onChange={(e) => setSelection({ team, project: e.target.value })}
          >
            {projectList.map((p) => (
              <option key={p.id} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>

      {!currentProjects && <p aria-busy="true">Loading projects…</p>}
      {currentProjects && !currentProjects.ok && (
        <p role="alert" className="error">
          {currentProjects.message}
        </p>
      )}
      {currentProjects?.ok && projectList.length === 0 && <p className="empty">No projects in this team yet.</p>}

      {currentProjects?.ok && project && (
        <section aria-labelledby="automations-heading">
          <h2 id="automations-heading">Automations</h2>
          {!currentAutomations && <p aria-busy="true">Loading automations…</p>}
          {currentAutomations && !currentAutomations.ok && (
            <p role="alert" className="error">
              {currentAutomations.message}
            </p>
          )}
          {currentAutomations?.ok &&
            (currentAutomations.value.length === 0 ? (
              <p className="empty">No automations in this project yet.</p>
            ) : (
              <AutomationTable automations={currentAutomations.value} />
            ))}
        </section>
      )}
    </>
  );
}
