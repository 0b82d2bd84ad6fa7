import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { useDraft } from '../drafts.ts';
import { Field, Loading, Problem, StatusBadge, Time, fieldError, formError } from '../ui.tsx';

export function QueuesSection({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const key = ['queues', team];
  const queues = useQuery({ queryKey: key, queryFn: () => api.queues(team) });
  const [name, setName] = useDraft(`${team}/queues/name`, '');
  const [description, setDescription] = useDraft(`${team}/queues/description`, '');
  const [open, setOpen] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.createQueue(team, name.trim(), description),
    onSuccess: () => {
      setName('');
      setDescription('');
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (q: string) => api.deleteQueue(team, q),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const general = create.isError ? formError(create.error, ['name', 'description']) : null;
  return (
    <section aria-labelledby="queues-heading">
      <h2 id="queues-heading">Queues and runs</h2>
      <form
        aria-label="New queue"
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label="Queue name" id="queue-name" error={fieldError(create.error, 'name')}>
          <input id="queue-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Description" id="queue-description" error={fieldError(create.error, 'description')}>
          <input id="queue-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add queue
        </button>
      </form>
      {general && (
        <p role="alert" className="error">
          {general}
        </p>
      )}
      {remove.isError && (
        <p role="alert" className="error">
          {errorMessage(remove.error)}
        </p>
      )}
      {queues.isPending && <Loading what="queues" />}
      {queues.isError && <Problem error={queues.error} />}
      {queues.data?.length === 0 && <p className="empty">No queues yet.</p>}
      {queues.data?.map((q) => (
        <div key={q.id} className="card">
          <div className="heading-row">
            <h3>{q.name}</h3>
            <div>
              <button type="button" onClick={() => setOpen(open === q.name ? null : q.name)} aria-expanded={open === q.name}>
                {open === q.name ? 'Hide runs' : 'Show runs'}
              </button>{' '}
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(`Delete the queue ${q.name}?`)) remove.mutate(q.name);
                }}
              >
                Delete
              </button>
            </div>
          </div>
          {q.description && <p className="muted">{q.description}</p>}
          {open === q.name && <Runs team={team} queue={q.name} />}
        </div>
      ))}
    </section>
  );
}

function Runs({ team, queue }: { team: string; queue: string }) {
  const runs = useQuery({ queryKey: ['queue-runs', team, queue], queryFn: () => api.queueRuns(team, queue), refetchInterval: 5000 });
  if (runs.isPending) return <Loading what="runs" />;
  if (runs.isError) return <Problem error={runs.error} />;
  if (runs.data.length === 0) return <p className="empty">No runs on this queue yet.</p>;
  return (
    <table aria-label={`Runs of ${queue}`}>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Job</th>
          <th scope="col">Status</th>
          <th scope="col">Agent</th>
        </tr>
      </thead>
      <tbody>
        {runs.data.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/teams/${encodeURIComponent(team)}/executions/${r.id}`}>
                <Time iso={r.createdAt} />
              </Link>
            </td>
            <td>
              {r.action.job}:{r.action.jobVersion}
            </td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td>{r.agent}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
