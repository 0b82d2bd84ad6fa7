import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/endpoints.ts';
import { useDraft } from '../drafts.ts';
import { Field, Loading, Problem, Time, fieldError, formError } from '../ui.tsx';

export function JobsSection({ team }: { team: string }) {
  const projects = useQuery({ queryKey: ['projects', team], queryFn: () => api.projects(team) });
  const [project, setProject] = useState('');
  const chosen = project || projects.data?.[0]?.name || '';
  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs and versions</h2>
      {projects.isError && <Problem error={projects.error} />}
      <label>
        Project{' '}
        <select value={chosen} onChange={(e) => setProject(e.target.value)}>
          {projects.data?.map((p) => (
            <option key={p.id}>{p.name}</option>
          ))}
        </select>
      </label>
      {chosen && <ProjectJobs key={chosen} team={team} project={chosen} />}
    </section>
  );
}

function ProjectJobs({ team, project }: { team: string; project: string }) {
  const queryClient = useQueryClient();
  const key = ['jobs', team, project];
  const jobs = useQuery({ queryKey: key, queryFn: () => api.jobs(team, project) });
  const [name, setName] = useDraft(`${team}/${project}/jobs/name`, '');
  const [description, setDescription] = useDraft(`${team}/${project}/jobs/description`, '');
  const create = useMutation({
    mutationFn: () => api.createJob(team, project, name.trim(), description),
    onSuccess: () => {
      setName('');
      setDescription('');
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const general = create.isError ? formError(create.error, ['name', 'description']) : null;
  return (
    <>
      <form
        aria-label="New job"
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label="Job name" id="job-name" error={fieldError(create.error, 'name')}>
          <input id="job-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Description" id="job-description" error={fieldError(create.error, 'description')}>
          <input id="job-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add job
        </button>
      </form>
      {general && (
        <p role="alert" className="error">
          {general}
        </p>
      )}
      {jobs.isPending && <Loading what="jobs" />}
      {jobs.isError && <Problem error={jobs.error} />}
      {jobs.data?.length === 0 && <p className="empty">No jobs in {project} yet.</p>}
      {jobs.data?.map((j) => <JobVersions key={j.id} team={team} project={project} job={j.name} />)}
    </>
  );
}

function JobVersions({ team, project, job }: { team: string; project: string; job: string }) {
  const queryClient = useQueryClient();
  const key = ['job-versions', team, project, job];
  const versions = useQuery({ queryKey: key, queryFn: () => api.jobVersions(team, project, job) });
  const [config, setConfig] = useDraft(`${team}/${project}/jobs/${job}/config`, '{\n  "command": "",\n  "hyperparameters": {}\n}');
  const [problem, setProblem] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (parsed: unknown) => api.createJobVersion(team, project, job, parsed),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const id = `config-${job}`;
  return (
    <details className="card">
      <summary>
        <strong>{job}</strong> — {versions.data?.length ?? '…'} version(s)
      </summary>
      {versions.data?.map((v) => (
        <div key={v.version}>
          <h4>
            {v.version} <Time iso={v.createdAt} />
          </h4>
          <pre tabIndex={0} className="code small">{JSON.stringify(v.config, null, 2)}</pre>
        </div>
      ))}
      <form
        aria-label={`New version of ${job}`}
        onSubmit={(e) => {
          e.preventDefault();
          try {
            const parsed: unknown = JSON.parse(config);
            setProblem(null);
            add.mutate(parsed);
          } catch (err) {
            setProblem(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
          }
        }}
      >
        <Field label="Config of a new version (JSON)" id={id} error={problem ?? fieldError(add.error, 'config') ?? formError(add.error, [])}>
          <textarea id={id} className="code" rows={5} value={config} onChange={(e) => setConfig(e.target.value)} />
        </Field>
        <button type="submit">Add version</button>
      </form>
    </details>
  );
}
