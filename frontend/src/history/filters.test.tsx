import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryFilters } from './History.tsx';
import { activeFilterCount, readFilters, toApiFilter, writeFilters } from './filters.ts';

afterEach(cleanup);

describe('filters in the URL', () => {
  it('reads known values and drops unknown ones', () => {
    const state = readFilters(new URLSearchParams('status=FAILED&eventType=NOPE&range=7d&q=%20alice%20&x=1'));
    expect(state).toEqual({ status: 'FAILED', automation: '', eventType: '', q: 'alice', range: '7d' });
    expect(activeFilterCount(state)).toBe(3);
  });

  it('writes only the set filters and keeps other parameters', () => {
    const params = writeFilters(new URLSearchParams('status=FAILED&keep=1'), {
      status: '', automation: 'a1', eventType: '', q: 'x', range: '',
    });
    expect(params.toString()).toBe('keep=1&automation=a1&q=x');
  });

  it('turns a time range into from, counted back from now', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const filter = toApiFilter({ status: 'RUNNING', automation: '', eventType: '', q: '', range: '24h' }, now);
    expect(filter).toEqual({
      status: 'RUNNING', automation: undefined, eventType: undefined, q: undefined, from: '2026-11-30T12:00:00.000Z',
    });
  });
});

describe('HistoryFilters', () => {
  const empty = { status: '', automation: '', eventType: '', q: '', range: '' };

  it('applies a select at once and the free text on submit', () => {
    const onChange = vi.fn();
    render(<HistoryFilters value={empty} automations={[{ id: 'a1', name: 'notify' }]} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'FAILED' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, status: 'FAILED' });
    fireEvent.change(screen.getByLabelText('Collection or author'), { target: { value: ' alice ' } });
    expect(onChange).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, q: 'alice' });
  });

  it('offers the automation filter only in a project, and clearing when something is set', () => {
    const onChange = vi.fn();
    render(<HistoryFilters value={{ ...empty, range: '7d' }} automations={null} onChange={onChange} />);
    expect(screen.queryByLabelText('Automation')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith(empty);
  });
});
