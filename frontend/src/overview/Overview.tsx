import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../api/endpoints.ts';
import type { Overview as OverviewData } from '../api/types.ts';
import { Loading, Problem, Time } from '../ui.tsx';
import { SERIES, bucketLabel, formatDuration, formatPercent, stackBuckets } from './chart.ts';

const RANGES = ['24h', '7d', '30d'] as const;
const WIDTH = 900;
const HEIGHT = 220;
const PAD = { left: 44, bottom: 26, top: 8, right: 8 };

export function Overview() {
  const { team = '', project = null } = useParams();
  const [params, setParams] = useSearchParams();
  const range = RANGES.find((r) => r === params.get('range')) ?? '24h';
  const overview = useQuery({
    queryKey: ['overview', team, project, range],
    queryFn: () => api.overview(team, project, range),
    refetchInterval: 30_000,
  });

  return (
    <section aria-labelledby="overview-heading">
      <h1 id="overview-heading">Overview</h1>
      <div className="segmented" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={r === range}
            onClick={() => setParams((p) => {
              const next = new URLSearchParams(p);
              next.set('range', r);
              return next;
            })}
          >
            {r}
          </button>
        ))}
      </div>
      {overview.isPending && <Loading what="the overview" />}
      {overview.isError && <Problem error={overview.error} />}
      {overview.data && <OverviewBody data={overview.data} range={range} />}
    </section>
  );
}

function OverviewBody({ data, range }: { data: OverviewData; range: string }) {
  const chart = stackBuckets(data.buckets, WIDTH - PAD.left - PAD.right, HEIGHT - PAD.top - PAD.bottom, bucketLabel(data.bucket, range));
  return (
    <>
      <div className="stats">
        <div className="stat">
          <span className="stat-label">Executions</span>
          <span className="stat-value">{chart.total}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Success rate</span>
          <span className="stat-value">{formatPercent(data.successRate)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Latency p50</span>
          <span className="stat-value">{formatDuration(data.latencyP50Ms)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Latency p95</span>
          <span className="stat-value">{formatDuration(data.latencyP95Ms)}</span>
        </div>
      </div>
      <figure className="chart">
        <figcaption>Executions per {data.bucket === 'day' ? 'day' : 'hour'} (UTC), by status</figcaption>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Executions by status, ${chart.total} in total`}>
          <g transform={`translate(${PAD.left},${PAD.top})`}>
            {chart.yTicks.map((t) => (
              <g key={t.value}>
                <line x1={0} x2={WIDTH - PAD.left - PAD.right} y1={t.y} y2={t.y} className="grid" />
                <text x={-6} y={t.y + 4} textAnchor="end" className="axis">
                  {t.value}
                </text>
              </g>
            ))}
            {SERIES.map((s) => (
              <path key={s} d={chart.paths[s]} className={`bar-${s}`} />
            ))}
            {chart.ticks.map((t) => (
              <text key={t.x} x={t.x} y={HEIGHT - PAD.top - PAD.bottom + 16} textAnchor="middle" className="axis">
                {t.label}
              </text>
            ))}
          </g>
        </svg>
        <ul className="legend">
          {SERIES.map((s) => (
            <li key={s}>
              <span className={`swatch bar-${s}`} aria-hidden="true" /> {s}
            </li>
          ))}
        </ul>
      </figure>
      <div className="columns">
        <section aria-labelledby="failing-automations">
          <h2 id="failing-automations">Automations that fail most</h2>
          {data.failingAutomations.length === 0 ? (
            <p className="empty">No failures in this range.</p>
          ) : (
            <table aria-label="Automations that fail most">
              <thead>
                <tr>
                  <th scope="col">Automation</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Of</th>
                </tr>
              </thead>
              <tbody>
                {data.failingAutomations.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{a.failed}</td>
                    <td>{a.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="failing-webhooks">
          <h2 id="failing-webhooks">Webhooks that fail most</h2>
          {data.failingWebhooks.length === 0 ? (
            <p className="empty">No failures in this range.</p>
          ) : (
            <table aria-label="Webhooks that fail most">
              <thead>
                <tr>
                  <th scope="col">Webhook</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Of</th>
                </tr>
              </thead>
              <tbody>
                {data.failingWebhooks.map((w) => (
                  <tr key={w.name}>
                    <td>{w.name}</td>
                    <td>{w.failed}</td>
                    <td>{w.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="disabled-webhooks">
          <h2 id="disabled-webhooks">Disabled webhooks</h2>
          {data.disabledWebhooks.length === 0 ? (
            <p className="empty">Every webhook is enabled.</p>
          ) : (
            <ul className="plain">
              {data.disabledWebhooks.map((w) => (
                <li key={w.name}>
                  <strong>{w.name}</strong>: {w.reason ?? 'disabled'} <Time iso={w.since} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
