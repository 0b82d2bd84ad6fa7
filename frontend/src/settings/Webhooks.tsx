import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { useDraft } from '../drafts.ts';
import type { Webhook, WebhookRequest, WebhookTestResult } from '../api/types.ts';
import { Field, Loading, Problem, fieldError, formError } from '../ui.tsx';

const FIELDS = ['name', 'url', 'secret', 'accessToken'];

export function WebhooksSection({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const key = ['webhooks', team];
  const webhooks = useQuery({ queryKey: key, queryFn: () => api.webhooks(team) });
  const secrets = useQuery({ queryKey: ['secrets', team], queryFn: () => api.secrets(team) });
  const [editing, setEditing] = useDraft<Webhook | 'new' | null>(`${team}/webhooks/editing`, null);
  const [tested, setTested] = useState<{ name: string; result: WebhookTestResult } | null>(null);
  const remove = useMutation({
    mutationFn: (name: string) => api.deleteWebhook(team, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const test = useMutation({
    mutationFn: (name: string) => api.testWebhook(team, name, null),
    onSuccess: (result, name) => setTested({ name, result }),
  });

  return (
    <section aria-labelledby="webhooks-heading">
      <div className="heading-row">
        <h2 id="webhooks-heading">Webhooks</h2>
        {editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New webhook
          </button>
        )}
      </div>
      {editing !== null && (
        <WebhookForm
          team={team}
          webhook={editing === 'new' ? null : editing}
          secretNames={secrets.data?.map((s) => s.name) ?? []}
          onDone={() => setEditing(null)}
        />
      )}
      {(remove.isError || test.isError) && (
        <p role="alert" className="error">
          {errorMessage(remove.error ?? test.error)}
        </p>
      )}
      {webhooks.isPending && <Loading what="webhooks" />}
      {webhooks.isError && <Problem error={webhooks.error} />}
      {webhooks.data?.length === 0 && <p className="empty">No webhooks yet.</p>}
      {!!webhooks.data?.length && (
        <table aria-label="Webhooks">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">URL</th>
              <th scope="col">Signing secret</th>
              <th scope="col">Access token</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.data.map((w) => (
              <tr key={w.name}>
                <th scope="row">{w.name}</th>
                <td className="clip">
                  <code>{w.url}</code>
                </td>
                <td>{w.secret}</td>
                <td>{w.accessToken}</td>
                <td>{w.enabled ? 'enabled' : `disabled: ${w.disabledReason ?? ''}`}</td>
                <td className="nowrap">
                  <button type="button" onClick={() => test.mutate(w.name)} disabled={test.isPending}>
                    Test
                  </button>{' '}
                  <button type="button" onClick={() => setEditing(w)}>
                    Edit
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(`Delete the webhook ${w.name}?`)) remove.mutate(w.name);
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tested && (
        <section aria-labelledby="test-heading" className="card test-result">
          <h3 id="test-heading">
            Test of {tested.name}: {tested.result.ok ? 'delivered' : 'failed'}
          </h3>
          <p>
            Status <strong>{tested.result.status ?? 'none'}</strong> in {tested.result.durationMs} ms
            {tested.result.error && <span className="error-text"> — {tested.result.error}</span>}
          </p>
          {tested.result.headers && (
            <dl className="facts">
              {Object.entries(tested.result.headers).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>
                    <code>{v}</code>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {tested.result.body && <pre tabIndex={0} className="code">{tested.result.body}</pre>}
        </section>
      )}
    </section>
  );
}

interface FormProps {
  team: string;
  webhook: Webhook | null;
  secretNames: string[];
  onDone: () => void;
}

function WebhookForm({ team, webhook, secretNames, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const [form, setForm, discard] = useDraft<WebhookRequest>(`${team}/webhooks/${webhook?.name ?? ''}/form`, {
    name: webhook?.name ?? '',
    url: webhook?.url ?? '',
    secret: webhook?.secret ?? '',
    accessToken: webhook?.accessToken ?? '',
  });
  const save = useMutation({
    mutationFn: () => {
      const body = { ...form, name: form.name?.trim(), secret: form.secret || undefined, accessToken: form.accessToken || undefined };
      return webhook ? api.updateWebhook(team, webhook.name, body) : api.createWebhook(team, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['webhooks', team] });
      discard();
      onDone();
    },
  });
  const set = (k: keyof WebhookRequest, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const general = save.isError ? formError(save.error, FIELDS) : null;
  return (
    <form
      aria-label={webhook ? `Edit webhook ${webhook.name}` : 'New webhook'}
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Field label="Webhook name" id="webhook-name" error={fieldError(save.error, 'name')}>
        <input id="webhook-name" required value={form.name} disabled={!!webhook} onChange={(e) => set('name', e.target.value)} />
      </Field>
      <Field label="URL" id="webhook-url" error={fieldError(save.error, 'url')} hint="Must name a DNS host; internal addresses are refused.">
        <input id="webhook-url" type="url" required value={form.url} onChange={(e) => set('url', e.target.value)} />
      </Field>
      <Field label="Signing secret" id="webhook-secret" error={fieldError(save.error, 'secret')}>
        <select id="webhook-secret" value={form.secret ?? ''} onChange={(e) => set('secret', e.target.value)}>
          <option value="">None</option>
          {secretNames.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Access token" id="webhook-token" error={fieldError(save.error, 'accessToken')}>
        <select id="webhook-token" value={form.accessToken ?? ''} onChange={(e) => set('accessToken', e.target.value)}>
          <option value="">None</option>
          {secretNames.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      {general && (
        <p role="alert" className="error">
          {general}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {webhook ? 'Save webhook' : 'Create webhook'}
        </button>
        <button
          type="button"
          onClick={() => {
            discard();
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
