import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Execution } from '../api/types.ts';
import { accessIn, useMe } from '../session.ts';
import { Loading, Problem, StatusBadge, Time } from '../ui.tsx';
import { POLL_MS } from './History.tsx';

function pretty(text: string | null | undefined): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function ExecutionDetail() {
  const { team = '', id = '' } = useParams();
  const me = useMe();
  const access = accessIn(me.data, team);
  const queryClient = useQueryClient();
  const execution = useQuery({
    queryKey: ['execution', id],
    queryFn: () => api.execution(id),
    // Polls while the run is in flight, and again after a redelivery puts it back in flight.
    refetchInterval: (q) => (q.state.data?.status === 'FINISHED' || q.state.data?.status === 'FAILED' ? false : POLL_MS),
  });
  const redeliver = useMutation({
    mutationFn: () => api.redeliver(id),
    onSuccess: (data) => {
      queryClient.setQueryData(['execution', id], data);
      void queryClient.invalidateQueries({ queryKey: ['executions'] });
    },
  });
  if (execution.isPending) return <Loading what="the execution" />;
  if (execution.isError) return <Problem error={execution.error} />;
  const x: Execution = execution.data;
  const webhookId = x.webhookId;
  const projectBase = `/teams/${encodeURIComponent(team)}/projects/${encodeURIComponent(x.project)}`;

  return (
    <article aria-labelledby="execution-heading" className="detail">
      <p>
        <Link to={projectBase}>← History of {x.project}</Link>
      </p>
      <h1 id="execution-heading">
        {x.automation.name} <StatusBadge status={x.status} />
      </h1>
      <div className="actions">
        {access.canWrite && (
          <button type="button" className="primary" onClick={() => redeliver.mutate()} disabled={redeliver.isPending}>
            Redeliver
          </button>
        )}
        {x.cockpitUrl && (
          <a className="button" href={x.cockpitUrl} target="_blank" rel="noreferrer">
            Open in Cockpit
          </a>
        )}
      </div>
      {redeliver.isError && (
        <p role="alert" className="error">
          {errorMessage(redeliver.error)}
        </p>
      )}
      {redeliver.isSuccess && <p role="status">Redelivery started with the same webhook-id.</p>}
      <dl className="facts">
        <dt>Started</dt>
        <dd>
          <Time iso={x.createdAt} />
        </dd>
        <dt>Event</dt>
        <dd>
          <code>{x.event.type}</code> on {x.event.collection}
          {x.event.artifact?.version && `:${x.event.artifact.version}`}
          {x.event.alias && ` (alias ${x.event.alias})`}
          {x.event.author && ` by ${x.event.author}`}
        </dd>
        <dt>Attempts</dt>
        <dd>{x.attemptCount}</dd>
        {webhookId && (
          <>
            <dt>webhook-id</dt>
            <dd>
              <code>{webhookId}</code>
            </dd>
          </>
        )}
        {x.action.webhook && (
          <>
            <dt>Webhook</dt>
            <dd>
              {x.action.webhook} {x.action.url && <code>{x.action.url}</code>}
            </dd>
          </>
        )}
        {x.action.job && (
          <>
            <dt>Job</dt>
            <dd>
              {x.action.job}:{x.action.jobVersion} on queue {x.action.queue}
              {x.action.destinationProject && ` into ${x.action.destinationProject}`}
            </dd>
            <dt>Agent</dt>
            <dd>{x.agent ?? 'not picked up yet'}</dd>
          </>
        )}
        {x.processInstanceId && (
          <>
            <dt>Process instance</dt>
            <dd>
              <code>{x.processInstanceId}</code>
            </dd>
          </>
        )}
        {x.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="error-text">{x.lastError}</dd>
          </>
        )}
      </dl>
      {x.action.payload != null && (
        <section aria-labelledby="payload-heading">
          <h2 id="payload-heading">Payload (secrets masked)</h2>
          <pre tabIndex={0} className="code">{pretty(x.action.payload)}</pre>
        </section>
      )}
      {x.action.config != null && (
        <section aria-labelledby="config-heading">
          <h2 id="config-heading">Resolved config</h2>
          <pre tabIndex={0} className="code">{JSON.stringify(x.action.config, null, 2)}</pre>
        </section>
      )}
      {x.result != null && (
        <section aria-labelledby="result-heading">
          <h2 id="result-heading">Result</h2>
          <pre tabIndex={0} className="code">{JSON.stringify(x.result, null, 2)}</pre>
        </section>
      )}
      <section aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">Attempts</h2>
        {x.attempts.length === 0 ? (
          <p className="empty">No attempt yet.</p>
        ) : (
          <div className="table-wrap">
            <table aria-label="Attempts">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Time</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Status code</th>
                  <th scope="col">Response or error</th>
                </tr>
              </thead>
              <tbody>
                {x.attempts.map((a) => (
                  <tr key={a.number}>
                    <td>{a.number}</td>
                    <td>
                      <Time iso={a.startedAt} />
                    </td>
                    <td>{a.durationMs == null ? '—' : `${a.durationMs} ms`}</td>
                    <td>{a.responseStatus ?? (a.outcome === 'UNKNOWN' ? 'unknown' : '—')}</td>
                    <td>
                      {a.error && <div className="error-text">{a.error}</div>}
                      {a.responseBody && <pre tabIndex={0} className="code small">{a.responseBody}</pre>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
