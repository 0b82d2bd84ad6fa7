import type { HistoryFilter } from '../api/endpoints.ts';
import { EVENT_TYPES, EXECUTION_STATUSES } from '../api/types.ts';

export const RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES;

/** The filters as the URL holds them (so a filtered view is a link), all strings, '' when unset. */
export interface FilterState {
  status: string;
  automation: string;
  eventType: string;
  q: string;
  range: string;
}

export const FILTER_KEYS: (keyof FilterState)[] = ['status', 'automation', 'eventType', 'q', 'range'];

export function readFilters(params: URLSearchParams): FilterState {
  const pick = (key: string, allowed?: readonly string[]) => {
    const value = (params.get(key) ?? '').trim();
    return allowed && !allowed.includes(value) ? '' : value;
  };
  return {
    status: pick('status', EXECUTION_STATUSES),
    automation: pick('automation'),
    eventType: pick('eventType', EVENT_TYPES),
    q: pick('q'),
    range: pick('range', Object.keys(RANGES)),
  };
}

/** The URL parameters for {@code state}: unset filters are left out, other parameters are kept. */
export function writeFilters(params: URLSearchParams, state: FilterState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) {
    if (state[key]) next.set(key, state[key]);
    else next.delete(key);
  }
  return next;
}

/** The API filter: the time range becomes {@code from}, counted back from {@code now}. */
export function toApiFilter(state: FilterState, now: number): HistoryFilter {
  const range = state.range as RangeKey | '';
  return {
    status: state.status || undefined,
    automation: state.automation || undefined,
    eventType: state.eventType || undefined,
    q: state.q || undefined,
    from: range ? new Date(now - RANGES[range]).toISOString() : undefined,
  };
}

export function activeFilterCount(state: FilterState): number {
  return FILTER_KEYS.filter((key) => state[key]).length;
}
