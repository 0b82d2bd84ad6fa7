import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Automation } from '../api/types.ts';
import { accessIn, useMe } from '../session.ts';
import { Loading, Problem, StatusBadge, Time } from '../ui.tsx';

export function AutomationList() {
  const { team = '', project = '' } = useParams();
  const me = useMe();
  const access = accessIn(me.data, team);
  const queryClient = useQueryClient();
  const key = ['automations', team, project];
  const automations = useQuery({ queryKey: key, queryFn: () => api.automations(team, project) });
  const lastRuns = useQuery({
    queryKey: ['executions', team, project, 'last-runs'],
    queryFn: () => api.executions(team, project, {}, null, 200),
    refetchInterval: 10_000,
  });
  const [confirming, setConfirming] = useState<Automation | null>(null);
  const toggle = useMutation({
    mutationFn: (a: Automation) => api.patchAutomation(team, project, a.id, { enabled: !a.enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: (a: Automation) => api.deleteAutomation(team, project, a.id),
    onSuccess: () => {
      setConfirming(null);
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const base = `/teams/${encodeURIComponent(team)}/projects/${encodeURIComponent(project)}/automations`;
  const lastRunOf = (id: string) => lastRuns.data?.items.find((x) => x.automation.id === id);

  return (
    <section aria-labelledby="automations-heading">
      <div className="heading-row">
        <h1 id="automations-heading">Automations</h1>
        {access.canWrite && (
          <Link className="button primary" to={`${base}/new`}>
            New automation
          </Link>
        )}
      </div>
      {(toggle.isError || remove.isError) && (
        <p role="alert" className="error">
          {errorMessage(toggle.error ?? remove.error)}
        </p>
      )}
      {automations.isPending && <Loading what="automations" />}
      {automations.isError && <Problem error={automations.error} />}
      {automations.data?.length === 0 && <p className="empty">No automations in this project yet.</p>}
      {!!automations.data?.length && (
        <div className="table-wrap">
          <table aria-label="Automations">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Trigger type</th>
                <th scope="col">Action type</th>
                <th scope="col">Action name</th>
                <th scope="col">Queue</th>
                <th scope="col">Enabled</th>
                <th scope="col">Last run</th>
                {access.canWrite && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {automations.data.map((a) => {
                const last = lastRunOf(a.id);
                return (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`${base}/${a.id}`}>{a.name}</Link>
                    </th>
                    <td>{a.description}</td>
                    <td>
                      <code>{a.triggerType}</code>
                    </td>
                    <td>
                      <code>{a.actionType}</code>
                    </td>
                    <td>{a.actionName}</td>
                    <td>{a.queue}</td>
                    <td>
                      {access.canWrite ? (
                        <label className="switch">
                          <input
                            type="checkbox"
                            checked={a.enabled}
                            disabled={toggle.isPending}
                            onChange={() => toggle.mutate(a)}
                            aria-label={`Enabled: ${a.name}`}
                          />
                          {a.enabled ? 'Yes' : 'No'}
                        </label>
                      ) : a.enabled ? (
                        'Yes'
                      ) : (
                        'No'
                      )}
                    </td>
                    <td>
                      {last ? (
                        <>
                          <StatusBadge status={last.status} /> <Time iso={last.time} />
                        </>
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    {access.canWrite && (
                      <td>
                        <button type="button" className="danger" onClick={() => setConfirming(a)}>
                          Delete
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <div role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" className="dialog">
          <h2 id="confirm-title">Delete {confirming.name}?</h2>
          <p>No new event will start it. Runs already in flight finish normally.</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => remove.mutate(confirming)} disabled={remove.isPending}>
              Delete automation
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
