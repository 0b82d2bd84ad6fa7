import type { OverviewBucket } from '../api/types.ts';

export const SERIES = ['finished', 'failed', 'running', 'pending'] as const;
export type Series = (typeof SERIES)[number];

export interface StackedChart {
  /** One SVG path per status: all of that status's bars, so 720 buckets are 4 elements, not 2,880. */
  paths: Record<Series, string>;
  max: number;
  total: number;
  ticks: { x: number; label: string }[];
  yTicks: { y: number; value: number }[];
}

/** A "nice" upper bound (1, 2, 5 × 10ⁿ) at or above {@code value}, at least 1. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Shapes the buckets into stacked bars inside a {@code width} × {@code height} plot: finished at the
 * bottom, then failed, running, pending. Buckets are in time order, as the server sends them.
 */
export function stackBuckets(
  buckets: OverviewBucket[],
  width: number,
  height: number,
  label: (start: string) => string,
  maxTicks = 6,
): StackedChart {
  const totals = buckets.map((b) => b.pending + b.running + b.finished + b.failed);
  const max = niceMax(Math.max(0, ...totals));
  const slot = buckets.length ? width / buckets.length : width;
  const barWidth = Math.max(slot * 0.8, Math.min(slot, 1));
  const paths: Record<Series, string[]> = { finished: [], failed: [], running: [], pending: [] };
  buckets.forEach((bucket, i) => {
    let base = height;
    const x = round(i * slot + (slot - barWidth) / 2);
    for (const series of SERIES) {
      const value = bucket[series];
      if (value <= 0) continue;
      const h = (value / max) * height;
      base -= h;
      paths[series].push(`M${x} ${round(base)}h${round(barWidth)}v${round(h)}h${round(-barWidth)}z`);
    }
  });
  const every = Math.max(1, Math.ceil(buckets.length / maxTicks));
  const ticks = buckets
    .map((b, i) => ({ i, b }))
    .filter(({ i }) => i % every === 0)
    .map(({ i, b }) => ({ x: round(i * slot + slot / 2), label: label(b.start) }));
  const yTicks = [0, 0.5, 1].map((f) => ({ y: round(height - f * height), value: round(f * max) }));
  return {
    paths: {
      finished: paths.finished.join(''),
      failed: paths.failed.join(''),
      running: paths.running.join(''),
      pending: paths.pending.join(''),
    },
    max,
    total: totals.reduce((a, b) => a + b, 0),
    ticks,
    yTicks,
  };
}

export function formatPercent(rate: number | null | undefined): string {
  if (rate == null || Number.isNaN(rate)) return '—';
  const percent = rate <= 1 ? rate * 100 : rate;
  return `${percent.toFixed(percent >= 99.95 || percent === 0 ? 0 : 1)} %`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/**
 * Axis label of a bucket: the hour over one day, the day and hour over a week, the day for daily buckets.
 * Buckets are UTC hours and days, so they are labelled in UTC.
 */
export function bucketLabel(bucket: string, range: string): (start: string) => string {
  const timeZone = 'UTC';
  const format =
    bucket === 'day'
      ? new Intl.DateTimeFormat(undefined, { timeZone, month: 'short', day: 'numeric' })
      : range === '24h'
        ? new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit' })
        : new Intl.DateTimeFormat(undefined, { timeZone, month: 'short', day: 'numeric', hour: '2-digit' });
  return (start) => format.format(new Date(start));
}
