import type { Automation, AutomationRequest, EventType } from '../api/types.ts';

export interface WizardState {
  eventType: EventType;
  collection: string;
  aliasPattern: string;
  actionType: 'GENERIC_WEBHOOK' | 'QUEUE_JOB';
  webhook: string;
  payload: string;
  job: string;
  jobVersion: string;
  queue: string;
  destinationProject: string;
  overrides: string;
  name: string;
  description: string;
  enabled: boolean;
}

export const STEPS = ['Event', 'Action', 'Details'] as const;
export type Step = 0 | 1 | 2;

export function emptyState(project: string): WizardState {
  return {
    eventType: 'CREATE_ARTIFACT',
    collection: '',
    aliasPattern: '',
    actionType: 'GENERIC_WEBHOOK',
    webhook: '',
    payload: '',
    job: '',
    jobVersion: '',
    queue: '',
    destinationProject: project,
    overrides: '',
    name: '',
    description: '',
    enabled: true,
  };
}

export function fromAutomation(a: Automation, project: string): WizardState {
  const state = emptyState(project);
  state.eventType = a.event.type;
  state.collection = a.event.collection ?? '';
  state.aliasPattern = a.event.aliasPattern ?? '';
  state.name = a.name;
  state.description = a.description ?? '';
  state.enabled = a.enabled;
  if (a.action.type === 'GENERIC_WEBHOOK') {
    state.actionType = 'GENERIC_WEBHOOK';
    state.webhook = a.action.webhook;
    state.payload = a.action.payload;
  } else {
    state.actionType = 'QUEUE_JOB';
    state.job = a.action.job;
    state.jobVersion = a.action.jobVersion;
    state.queue = a.action.queue;
    state.destinationProject = a.action.destinationProject ?? project;
    state.overrides = a.action.overrides == null ? '' : JSON.stringify(a.action.overrides, null, 2);
  }
  return state;
}

const NAME = /^[A-Za-z0-9._-]{1,128}$/;

/** Where JSON.parse stopped, as "line L, column C", from the offset some engines report. */
function position(text: string, message: string): string {
  const at = /position (\d+)/.exec(message);
  if (!at) return '';
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split('\n');
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Checks that a payload template is JSON once rendered: each {@code ${name}} or {@code {{name}}} becomes a
 * value that is valid both inside a JSON string and as a bare value. Answers null when it is.
 */
export function payloadProblem(template: string): string | null {
  if (!template.trim()) return 'The payload is required.';
  const sample = template.replace(/\$\{\s*[\w.-]+\s*\}|\{\{\{?\s*[\w.-]+\s*\}?\}\}/g, '0');
  try {
    JSON.parse(sample);
    return null;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return `Not valid JSON${position(sample, message)}: ${message}`;
  }
}

/** The alias pattern must match the whole alias, as the server's Java regular expression does. */
export function aliasMatches(pattern: string, alias: string): boolean | string {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(alias);
  } catch (e) {
    return `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function jsonObjectProblem(text: string): string | null {
  if (!text.trim()) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? null : 'Overrides must be a JSON object.';
  } catch (e) {
    return `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export type Errors = Partial<Record<keyof WizardState, string>>;

/** The problems of one step, by field; an empty object means the step is complete. */
export function validateStep(state: WizardState, step: Step): Errors {
  const errors: Errors = {};
  if (step === 0) {
    if (state.eventType === 'ADD_ARTIFACT_ALIAS') {
      if (!state.aliasPattern.trim()) errors.aliasPattern = 'An alias pattern is required, e.g. production|staging.';
      else {
        const valid = aliasMatches(state.aliasPattern, '');
        if (typeof valid === 'string') errors.aliasPattern = valid;
      }
      if (state.collection && !NAME.test(state.collection)) errors.collection = 'Use 1-128 of A-Z a-z 0-9 . _ -';
    } else if (!state.collection.trim()) {
      errors.collection = 'The collection to watch is required.';
    } else if (!NAME.test(state.collection)) {
      errors.collection = 'Use 1-128 of A-Z a-z 0-9 . _ -';
    }
  }
  if (step === 1) {
    if (state.actionType === 'GENERIC_WEBHOOK') {
      if (!state.webhook) errors.webhook = 'Pick a webhook.';
      const payload = payloadProblem(state.payload);
      if (payload) errors.payload = payload;
    } else {
      if (!state.job) errors.job = 'Pick a job.';
      if (!state.jobVersion) errors.jobVersion = 'Pick a version.';
      if (!state.queue) errors.queue = 'Pick a queue.';
      const overrides = jsonObjectProblem(state.overrides);
      if (overrides) errors.overrides = overrides;
    }
  }
  if (step === 2) {
    if (!state.name.trim()) errors.name = 'A name is required.';
    else if (!NAME.test(state.name)) errors.name = 'Use 1-128 of A-Z a-z 0-9 . _ -';
    if (state.description.length > 1000) errors.description = 'At most 1000 characters.';
  }
  return errors;
}

/** The step a server field error belongs to, so the wizard can show it where the field is. */
export function stepOfField(field: string): Step {
  if (field.startsWith('event')) return 0;
  if (field.startsWith('action')) return 1;
  return 2;
}

/** The wizard field a server field name means ("action.payload" → payload). */
export function wizardField(field: string): keyof WizardState | null {
  const map: Record<string, keyof WizardState> = {
    'event.type': 'eventType',
    'event.collection': 'collection',
    'event.aliasPattern': 'aliasPattern',
    'action.webhook': 'webhook',
    'action.payload': 'payload',
    'action.job': 'job',
    'action.jobVersion': 'jobVersion',
    'action.queue': 'queue',
    'action.destinationProject': 'destinationProject',
    'action.overrides': 'overrides',
    name: 'name',
    description: 'description',
  };
  return map[field] ?? (field.startsWith('action.overrides') ? 'overrides' : null);
}

export function toRequest(state: WizardState): AutomationRequest {
  const alias = state.eventType === 'ADD_ARTIFACT_ALIAS';
  return {
    name: state.name.trim(),
    // Always sent, so that clearing the description of an existing automation clears it.
    description: state.description.trim(),
    enabled: state.enabled,
    event: {
      type: state.eventType,
      collection: state.collection.trim() || undefined,
      aliasPattern: alias ? state.aliasPattern : undefined,
    },
    action:
      state.actionType === 'GENERIC_WEBHOOK'
        ? { type: 'GENERIC_WEBHOOK', webhook: state.webhook, payload: state.payload }
        : {
            type: 'QUEUE_JOB',
            job: state.job,
            jobVersion: state.jobVersion,
            queue: state.queue,
            destinationProject: state.destinationProject || undefined,
            overrides: state.overrides.trim() ? (JSON.parse(state.overrides) as Record<string, unknown>) : undefined,
          },
  };
}

export const VARIABLES: { name: string; description: string }[] = [
  { name: 'event_type', description: 'CREATE_ARTIFACT, LINK_ARTIFACT or ADD_ARTIFACT_ALIAS' },
  { name: 'event_author', description: 'The user who caused the event' },
  { name: 'artifact_version', description: 'wandb-artifact://_id/<artifact id>' },
  { name: 'artifact_version_string', description: '<entity>/<project>/<collection>:<alias or version>' },
  { name: 'artifact_collection_name', description: 'The collection the version is in' },
  { name: 'project_name', description: 'The project of the event' },
  { name: 'entity_name', description: 'The team (entity) of the event' },
  { name: 'alias', description: 'The alias added (alias events)' },
  { name: 'artifact_metadata.<key>', description: 'One metadata value of the artifact' },
];
