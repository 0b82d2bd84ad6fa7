import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { useDraft } from '../drafts.ts';
import { Field, Loading, Problem, Time, fieldError, formError } from '../ui.tsx';

/** Secret values are write-only: they are sent, never shown. */
export function SecretsSection({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const key = ['secrets', team];
  const secrets = useQuery({ queryKey: key, queryFn: () => api.secrets(team) });
  const [name, setName] = useDraft(`${team}/secrets/name`, '');
  const [value, setValue] = useDraft(`${team}/secrets/value`, '');
  const [rotating, setRotating] = useDraft<string | null>(`${team}/secrets/rotating`, null);
  const [rotated, setRotated] = useDraft(`${team}/secrets/rotated`, '');
  const put = useMutation({
    mutationFn: (v: { name: string; value: string }) => api.putSecret(team, v.name, v.value),
    onSuccess: () => {
      setName('');
      setValue('');
      setRotating(null);
      setRotated('');
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (n: string) => api.deleteSecret(team, n),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  return (
    <section aria-labelledby="secrets-heading">
      <h2 id="secrets-heading">Secrets</h2>
      <p className="muted">Use a secret in a payload as <code>{'${name}'}</code>, or as a webhook's signing secret or access token.</p>
      <form
        aria-label="New secret"
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          put.mutate({ name: name.trim(), value });
        }}
      >
        <Field label="Secret name" id="secret-name" error={fieldError(put.error, 'name')}>
          <input id="secret-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Secret value" id="secret-value" error={fieldError(put.error, 'value')}>
          <input id="secret-value" type="password" autoComplete="off" required value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={put.isPending}>
          Add secret
        </button>
      </form>
      {put.isError && formError(put.error, ['name', 'value']) && (
        <p role="alert" className="error">
          {formError(put.error, ['name', 'value'])}
        </p>
      )}
      {remove.isError && (
        <p role="alert" className="error">
          {errorMessage(remove.error)}
        </p>
      )}
      {secrets.isPending && <Loading what="secrets" />}
      {secrets.isError && <Problem error={secrets.error} />}
      {secrets.data?.length === 0 && <p className="empty">No secrets yet.</p>}
      {!!secrets.data?.length && (
        <table aria-label="Secrets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Updated</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {secrets.data.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td>
                  <Time iso={s.updatedAt} />
                </td>
                <td>
                  {rotating === s.name ? (
                    <form
                      className="inline-form"
                      aria-label={`Rotate ${s.name}`}
                      onSubmit={(e) => {
                        e.preventDefault();
                        put.mutate({ name: s.name, value: rotated });
                      }}
                    >
                      <label>
                        New value
                        <input type="password" autoComplete="off" required value={rotated} onChange={(e) => setRotated(e.target.value)} />
                      </label>
                      <button type="submit" className="primary">
                        Save
                      </button>
                      <button type="button" onClick={() => setRotating(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <>
                      <button type="button" onClick={() => setRotating(s.name)}>
                        Rotate
                      </button>{' '}
                      <button
                        type="button"
                        className="danger"
                        onClick={() => {
                          if (window.confirm(`Delete the secret ${s.name}?`)) remove.mutate(s.name);
                        }}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
