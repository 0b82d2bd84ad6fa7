import { describe, expect, it } from 'vitest';
import { aliasMatches, emptyState, payloadProblem, toRequest, validateStep, wizardField } from './wizard.ts';

describe('payloadProblem', () => {
  it('accepts a template whose variables sit in strings or stand as values', () => {
    expect(payloadProblem('{"v":"${artifact_version_string}","n":${count},"a":"{{event_author}}"}')).toBeNull();
  });

  it('names the problem of a template that is not JSON', () => {
    expect(payloadProblem('{"v": "${x}",}')).toMatch(/^Not valid JSON/);
    expect(payloadProblem('   ')).toBe('The payload is required.');
  });
});

describe('aliasMatches', () => {
  it('matches the whole alias, as the server does', () => {
    expect(aliasMatches('production|staging', 'staging')).toBe(true);
    expect(aliasMatches('prod', 'production')).toBe(false);
    expect(aliasMatches('v\\d+', 'v12')).toBe(true);
  });

  it('explains an invalid pattern', () => {
    expect(aliasMatches('(', 'x')).toMatch(/^Not a valid regular expression/);
  });
});

describe('validateStep', () => {
  it('asks for a collection on version events and for a pattern on alias events', () => {
    const state = emptyState('churn');
    expect(validateStep(state, 0)).toEqual({ collection: 'The collection to watch is required.' });
    expect(validateStep({ ...state, collection: 'bad name' }, 0).collection).toMatch(/A-Z/);
    const alias = { ...state, eventType: 'ADD_ARTIFACT_ALIAS' as const };
    expect(Object.keys(validateStep(alias, 0))).toEqual(['aliasPattern']);
    expect(validateStep({ ...alias, aliasPattern: 'prod.*' }, 0)).toEqual({});
  });

  it('checks the webhook action and the job action', () => {
    const state = emptyState('churn');
    expect(Object.keys(validateStep(state, 1)).sort()).toEqual(['payload', 'webhook']);
    expect(validateStep({ ...state, webhook: 'ci', payload: '{"a":1}' }, 1)).toEqual({});
    const job = { ...state, actionType: 'QUEUE_JOB' as const, overrides: '[1]' };
    expect(Object.keys(validateStep(job, 1)).sort()).toEqual(['job', 'jobVersion', 'overrides', 'queue']);
  });

  it('requires a valid name on the last step', () => {
    expect(validateStep(emptyState('p'), 2)).toEqual({ name: 'A name is required.' });
    expect(validateStep({ ...emptyState('p'), name: 'notify-ci' }, 2)).toEqual({});
  });
});

describe('toRequest', () => {
  it('builds the API body of a webhook automation', () => {
    const body = toRequest({ ...emptyState('p'), collection: 'data', webhook: 'ci', payload: '{}', name: ' n ' });
    expect(body).toEqual({
      name: 'n',
      description: '',
      enabled: true,
      event: { type: 'CREATE_ARTIFACT', collection: 'data', aliasPattern: undefined },
      action: { type: 'GENERIC_WEBHOOK', webhook: 'ci', payload: '{}' },
    });
  });

  it('parses the overrides of a job automation', () => {
    const state = { ...emptyState('p'), actionType: 'QUEUE_JOB' as const, job: 'train', jobVersion: 'v0', queue: 'gpu', overrides: '{"lr":0.1}' };
    expect(toRequest(state).action).toEqual({
      type: 'QUEUE_JOB', job: 'train', jobVersion: 'v0', queue: 'gpu', destinationProject: 'p', overrides: { lr: 0.1 },
    });
  });

  it('maps server field names to wizard fields', () => {
    expect(wizardField('action.payload')).toBe('payload');
    expect(wizardField('event.aliasPattern')).toBe('aliasPattern');
    expect(wizardField('action.overrides.lr')).toBe('overrides');
    expect(wizardField('unknown')).toBeNull();
  });
});
