// The API's types, generated from the server's OpenAPI document (openapi.json → schema.d.ts at build
// time), so a DTO change that breaks the UI breaks the build.
import type { components } from './schema';

type Schemas = components['schemas'];

/**
 * An answer as the server sends it. The document marks no property as required, yet the server's records
 * always carry their properties; an empty one is null or left out, which the pages test for as a value.
 */
type Sent<T> = T extends (infer U)[]
  ? Sent<U>[]
  : T extends object
    ? { [K in keyof T]-?: Sent<NonNullable<T[K]>> }
    : T;

export type Me = Sent<Schemas['Me']>;
export type TeamRole = NonNullable<Schemas['Membership']['role']>;
export type Project = Sent<Schemas['ProjectView']>;
export type EventType = NonNullable<Schemas['AutomationTrigger']['type']>;
export type AutomationTrigger = Sent<Schemas['AutomationTrigger']>;
export type Automation = Omit<Sent<Schemas['AutomationView']>, 'action'> & { action: AutomationAction };
export type AutomationRequest = Omit<Schemas['AutomationRequest'], 'action'> & { action: AutomationActionRequest };
export type ExecutionSummary = Sent<Schemas['HistoryItem']>;
export type ExecutionPage = Sent<Schemas['HistoryPage']>;
export type Execution = Sent<Schemas['ExecutionDetail']>;
export type QueueRun = Sent<Schemas['ExecutionView']>;
export type Overview = Sent<Schemas['Overview']>;
export type OverviewBucket = Sent<Schemas['Bucket']>;
export type PayloadTemplate = Sent<Schemas['PayloadTemplate']>;
export type ArtifactEvent = Schemas['ArtifactEvent'];
export type DryRun = Sent<Schemas['DryRun']>;
export type SecretInfo = Sent<Schemas['SecretInfo']>;
export type Webhook = Sent<Schemas['WebhookView']>;
export type WebhookRequest = Schemas['WebhookRequest'];
export type WebhookTestResult = Sent<Schemas['TestResult']>;
export type Member = Sent<Schemas['Member']>;
export type Job = Sent<Schemas['Job']>;
export type JobVersion = Sent<Schemas['JobVersion']>;
export type Queue = Sent<Schemas['Queue']>;
export type RulesStatus = Sent<Schemas['Rules']>;

// The document's discriminator has no mapping, so the generator names the action types after their
// schemas; the server's type names are these.
type WebhookBody = Omit<Schemas['WebhookAction'], 'type'>;
type QueueJobBody = Omit<Schemas['QueueJobAction'], 'type'>;
export type AutomationAction =
  | (Sent<WebhookBody> & { type: 'GENERIC_WEBHOOK' })
  | (Sent<QueueJobBody> & { type: 'QUEUE_JOB' });
export type AutomationActionRequest = (WebhookBody & { type: 'GENERIC_WEBHOOK' }) | (QueueJobBody & { type: 'QUEUE_JOB' });

export const EVENT_TYPES: EventType[] = ['CREATE_ARTIFACT', 'LINK_ARTIFACT', 'ADD_ARTIFACT_ALIAS'];

export type ExecutionStatus = 'PENDING' | 'RUNNING' | 'FINISHED' | 'FAILED';
export const EXECUTION_STATUSES: ExecutionStatus[] = ['PENDING', 'RUNNING', 'FINISHED', 'FAILED'];
