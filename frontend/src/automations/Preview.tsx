import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { Field, formError, fieldError } from '../ui.tsx';
import type { WizardState } from './wizard.ts';

/** "Try it with an event": the dry run shows which saved automations fire and what they would send. */
export function Preview({ team, project, initial }: { team: string; project: string; initial: WizardState }) {
  const [collection, setCollection] = useState(initial.collection || 'training-data');
  const [version, setVersion] = useState('v1');
  const [alias, setAlias] = useState('production');
  const [author, setAuthor] = useState('alice');
  const type = initial.eventType;
  const run = useMutation({
    mutationFn: () =>
      api.dryRun({
        type,
        entity: team,
        project,
        author,
        collection,
        alias: type === 'ADD_ARTIFACT_ALIAS' ? alias : undefined,
        artifact: { version },
      }),
  });
  const shown = ['collection', 'artifact', 'alias', 'author'];
  return (
    <section aria-labelledby="preview-heading" className="card">
      <h2 id="preview-heading">Try it with an event</h2>
      <p className="muted">A dry run of a <code>{type}</code> event: nothing is sent or saved.</p>
      <form
        aria-label="Try it with an event"
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <Field label="Collection" id="preview-collection" error={fieldError(run.error, 'collection')}>
          <input id="preview-collection" value={collection} onChange={(e) => setCollection(e.target.value)} />
        </Field>
        <Field label="Version" id="preview-version" error={fieldError(run.error, 'artifact')}>
          <input id="preview-version" value={version} onChange={(e) => setVersion(e.target.value)} />
        </Field>
        {type === 'ADD_ARTIFACT_ALIAS' && (
          <Field label="Alias" id="preview-alias" error={fieldError(run.error, 'alias')}>
            <input id="preview-alias" value={alias} onChange={(e) => setAlias(e.target.value)} />
          </Field>
        )}
        <Field label="Author" id="preview-author" error={fieldError(run.error, 'author')}>
          <input id="preview-author" value={author} onChange={(e) => setAuthor(e.target.value)} />
        </Field>
        <button type="submit" disabled={run.isPending}>
          Preview
        </button>
      </form>
      {run.isError && !(run.error instanceof ApiError && shown.some((f) => fieldError(run.error, f))) && (
        <p role="alert" className="error">
          {formError(run.error, shown)}
        </p>
      )}
      {run.data && (
        <div aria-live="polite" className="preview-result">
          {run.data.wouldFire.length === 0 && <p>No automation would fire.</p>}
          {run.data.wouldFire.map((f) => (
            <div key={f.automationId} className="fired">
              <p>
                <strong>{f.automation}</strong> would fire (rule <code>{f.rule}</code>, {f.actionType} {f.actionName})
                {!f.wouldDeliver && <span className="error-text"> but would not deliver: {f.reason}</span>}
              </p>
              {f.payload && <pre tabIndex={0} className="code">{prettyJson(f.payload)}</pre>}
            </div>
          ))}
          {run.data.vetoed.map((v) => (
            <p key={v.automationId}>
              <strong>{v.automation}</strong> was vetoed by <code>{v.rule}</code>: {v.reason}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
