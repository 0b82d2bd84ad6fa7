import { useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints.ts';
import { Loading, Problem, Time } from '../ui.tsx';

export function RulesSection() {
  const rules = useQuery({ queryKey: ['rules'], queryFn: api.rules });
  if (rules.isPending) return <Loading what="the rules status" />;
  if (rules.isError) return <Problem error={rules.error} />;
  const r = rules.data;
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <p>
        Loaded <Time iso={r.loadedAt} />
      </p>
      <table aria-label="Rule files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Origin</th>
          </tr>
        </thead>
        <tbody>
          {r.files.map((f) => (
            <tr key={`${f.origin}/${f.name}`}>
              <td>{f.name}</td>
              <td>{f.origin}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.lastError && (
        <div className="card">
          <h3>Last error</h3> <Time iso={r.lastErrorAt} />
          <pre tabIndex={0} className="code small">{r.lastError}</pre>
        </div>
      )}
      {r.lastRuleFailure && (
        <div className="card">
          <h3>Last rule failure</h3> <Time iso={r.lastRuleFailureAt} />
          <pre tabIndex={0} className="code small">{r.lastRuleFailure}</pre>
        </div>
      )}
      {!r.lastError && !r.lastRuleFailure && <p className="ok">No errors.</p>}
    </section>
  );
}
