import { describe, expect, it } from 'vitest';
import type { OverviewBucket } from '../api/types.ts';
import { bucketLabel, formatDuration, formatPercent, niceMax, stackBuckets } from './chart.ts';

const bucket = (i: number, counts: Partial<OverviewBucket>): OverviewBucket => ({
  start: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
  pending: 0,
  running: 0,
  finished: 0,
  failed: 0,
  ...counts,
});

describe('stackBuckets', () => {
  it('stacks finished under failed in bars scaled to a nice maximum', () => {
    const chart = stackBuckets([bucket(0, { finished: 3, failed: 1 }), bucket(1, {})], 100, 50, (s) => s.slice(11, 13));
    expect(chart.max).toBe(5);
    expect(chart.total).toBe(4);
    // slot 50 wide, bar 40 wide centred: x = 5; finished 3/5 of 50 = 30 high from the bottom, failed 10 above it.
    expect(chart.paths.finished).toBe('M5 20h40v30h-40z');
    expect(chart.paths.failed).toBe('M5 10h40v10h-40z');
    expect(chart.paths.running).toBe('');
    expect(chart.ticks.map((t) => t.label)).toEqual(['00', '01']);
    expect(chart.yTicks.map((t) => t.value)).toEqual([0, 2.5, 5]);
  });

  it('draws 720 buckets as one path per status with a bounded number of labels', () => {
    const buckets = Array.from({ length: 720 }, (_, i) => bucket(i, { finished: i % 7, failed: i % 3 }));
    const chart = stackBuckets(buckets, 900, 200, () => 'x');
    expect(chart.paths.finished.split('M')).toHaveLength(1 + buckets.filter((b) => b.finished > 0).length);
    expect(chart.ticks.length).toBeLessThanOrEqual(6);
    expect(chart.max).toBe(10);
  });

  it('keeps an empty range drawable', () => {
    const chart = stackBuckets([], 100, 50, () => '');
    expect(chart).toMatchObject({ max: 1, total: 0, ticks: [] });
  });
});

describe('bucketLabel', () => {
  it('labels UTC buckets in UTC, by hour or by day', () => {
    // The tests run with TZ=America/Los_Angeles (vitest.config.ts), where these instants are still Nov 30.
    expect(bucketLabel('day', '30d')('2026-12-01T00:00:00Z')).toMatch(/Dec/);
    expect(bucketLabel('hour', '7d')('2026-12-01T02:00:00Z')).toMatch(/Dec/);
    expect(bucketLabel('hour', '24h')('2026-12-01T02:00:00Z')).toMatch(/^0?2:00|^02/);
  });
});

describe('number formats', () => {
  it('formats rates, durations and nice bounds', () => {
    expect(formatPercent(0.9875)).toBe('98.8 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatDuration(420)).toBe('420 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(niceMax(13)).toBe(20);
    expect(niceMax(0)).toBe(1);
  });
});
