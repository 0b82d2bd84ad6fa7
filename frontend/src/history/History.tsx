import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import type { ExecutionSummary } from '../api/types.ts';
import { EVENT_TYPES, EXECUTION_STATUSES } from '../api/types.ts';
import { Loading, Problem, StatusBadge, Time } from '../ui.tsx';
import { type FilterState, RANGES, activeFilterCount, readFilters, toApiFilter, writeFilters } from './filters.ts';

const PAGE_SIZE = 50;
/** Status changes show up within this interval without a reload. */
export const POLL_MS = 3000;

export function History() {
  const { team = '', project = null } = useParams();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);

  // The time range is counted back from each request, so polling keeps a "last 24 h" view current.
  const history = useInfiniteQuery({
    queryKey: ['executions', team, project, filters],
    queryFn: ({ pageParam }) => api.executions(team, project, toApiFilter(filters, Date.now()), pageParam, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    refetchInterval: POLL_MS,
  });
  const automations = useQuery({
    queryKey: ['automations', team, project],
    queryFn: () => api.automations(team, project ?? ''),
    enabled: !!project,
  });

  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];
  const scope = project ? `project ${project}` : `team ${team}`;

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading">History</h1>
      <p className="lede">Every run of the automations of {scope}, newest first. Updates by itself.</p>
      <HistoryFilters
        key={filters.q}
        value={filters}
        automations={project ? (automations.data ?? []) : null}
        onChange={(next) => setParams(writeFilters(params, next))}
      />
      {history.isPending && <Loading what="history" />}
      {history.isError && <Problem error={history.error} />}
      {history.isSuccess && rows.length === 0 && (
        <p className="empty">
          {activeFilterCount(filters) > 0 ? 'No execution matches these filters.' : 'Nothing has run yet.'}
        </p>
      )}
      {rows.length > 0 && <ExecutionTable team={team} rows={rows} showProject={!project} />}
      {history.hasNextPage && (
        <button type="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? 'Loading…' : 'Older executions'}
        </button>
      )}
    </section>
  );
}

interface FilterProps {
  value: FilterState;
  automations: { id: string; name: string }[] | null;
  onChange: (next: FilterState) => void;
}

/** Selects apply at once; the free text applies on Enter or "Apply" (not on every key). */
export function HistoryFilters({ value, automations, onChange }: FilterProps) {
  const [text, setText] = useState(value.q);
  const set = (key: keyof FilterState, v: string) => onChange({ ...value, [key]: v });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    set('q', text.trim());
  };
  return (
    <form className="filters" role="search" aria-label="Filter history" onSubmit={onSubmit}>
      <label>
        Status
        <select value={value.status} onChange={(e) => set('status', e.target.value)}>
          <option value="">Any status</option>
          {EXECUTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {automations && (
        <label>
          Automation
          <select value={value.automation} onChange={(e) => set('automation', e.target.value)}>
            <option value="">Any automation</option>
            {automations.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Event type
        <select value={value.eventType} onChange={(e) => set('eventType', e.target.value)}>
          <option value="">Any event</option>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Time
        <select value={value.range} onChange={(e) => set('range', e.target.value)}>
          <option value="">Any time</option>
          {Object.keys(RANGES).map((r) => (
            <option key={r} value={r}>
              Last {r}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Collection or author
        <input type="search" value={text} placeholder="e.g. training-data or alice" onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit">Apply</button>
      {activeFilterCount(value) > 0 && (
        <button
          type="button"
          onClick={() => {
            setText('');
            onChange({ status: '', automation: '', eventType: '', q: '', range: '' });
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

function ExecutionTable({ team, rows, showProject }: { team: string; rows: ExecutionSummary[]; showProject: boolean }) {
  return (
    <div className="table-wrap">
      <table aria-label="Executions">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Automation</th>
            <th scope="col">Event</th>
            <th scope="col">Action</th>
            <th scope="col">Status</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const version = row.event.version;
            const http = row.lastResponseStatus;
            return (
              <tr key={row.id}>
                <td>
                  <Link to={`/teams/${encodeURIComponent(team)}/executions/${row.id}`}>
                    <Time iso={row.time} />
                  </Link>
                </td>
                <td>
                  {row.automation.name}
                  {showProject && row.project && <div className="muted">{row.project}</div>}
                </td>
                <td>
                  <code>{row.event.type}</code>
                  <div className="muted">
                    {row.event.collection}
                    {row.event.alias ? `:${row.event.alias}` : version ? `:${version}` : ''}
                    {row.event.author && ` by ${row.event.author}`}
                  </div>
                </td>
                <td>
                  {row.action.webhook ? (
                    <>webhook {row.action.webhook}</>
                  ) : (
                    <>
                      job {row.action.job}
                      {row.action.jobVersion && `:${row.action.jobVersion}`}
                      {row.action.queue && <div className="muted">queue {row.action.queue}</div>}
                    </>
                  )}
                </td>
                <td>
                  <StatusBadge status={row.status} />
                  {row.attemptCount > 1 && <div className="muted">{row.attemptCount} attempts</div>}
                  {row.nextAttemptAt && (
                    <div className="muted">
                      next <Time iso={row.nextAttemptAt} />
                    </div>
                  )}
                </td>
                <td>
                  {http != null && <code>HTTP {http}</code>}
                  {row.lastError && <div className="muted clip">{row.lastError}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
