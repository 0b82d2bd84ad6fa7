// API shapes. They follow the server's DTOs (api/ and engine/ records); the overview and team-wide
// history shapes follow the contract agreed with the server side.

export type TeamRole = 'VIEWER' | 'MEMBER' | 'ADMIN';

export interface Me {
  username: string;
  systemAdmin: boolean;
  teams: { name: string; role: TeamRole }[];
}

export interface Project {
  id: string;
  name: string;
}

export type EventType = 'CREATE_ARTIFACT' | 'LINK_ARTIFACT' | 'ADD_ARTIFACT_ALIAS';
export const EVENT_TYPES: EventType[] = ['CREATE_ARTIFACT', 'LINK_ARTIFACT', 'ADD_ARTIFACT_ALIAS'];

export interface AutomationTrigger {
  type: EventType;
  collection?: string | null;
  aliasPattern?: string | null;
}

export interface WebhookAction {
  type: 'GENERIC_WEBHOOK';
  webhook: string;
  payload: string;
}

export interface QueueJobAction {
  type: 'QUEUE_JOB';
  job: string;
  jobVersion: string;
  queue: string;
  destinationProject?: string | null;
  overrides?: unknown;
}

export type AutomationAction = WebhookAction | QueueJobAction;

export interface Automation {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  event: AutomationTrigger;
  action: AutomationAction;
  triggerType: EventType;
  actionType: string;
  actionName: string | null;
  queue: string;
  createdAt: string;
  updatedAt: string;
}

export interface AutomationRequest {
  name: string;
  description?: string | null;
  enabled?: boolean;
  event: AutomationTrigger;
  action: AutomationAction;
}

export type ExecutionStatus = 'PENDING' | 'RUNNING' | 'FINISHED' | 'FAILED';
export const EXECUTION_STATUSES: ExecutionStatus[] = ['PENDING', 'RUNNING', 'FINISHED', 'FAILED'];

export interface Attempt {
  number: number;
  startedAt: string;
  durationMs: number;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
}

export interface ExecutionEvent {
  id?: string;
  type: EventType;
  author: string | null;
  collection: string;
  alias: string | null;
  version?: string | null;
  artifact?: { id?: string; version?: string; type?: string; metadata?: Record<string, unknown> } | null;
  createdAt?: string;
}

export interface ExecutionAction {
  type: string;
  webhook?: string;
  url?: string;
  payload?: string;
  job?: string;
  jobVersion?: string;
  queue?: string;
  destinationProject?: string;
  config?: unknown;
}

/** One row of History. */
export interface ExecutionSummary {
  id: string;
  createdAt: string;
  project?: string;
  automation: { id: string; name: string };
  event: ExecutionEvent;
  action: ExecutionAction;
  status: ExecutionStatus;
  attemptCount: number;
  nextAttemptAt?: string | null;
  lastHttpStatus?: number | null;
  lastError: string | null;
  processInstanceId: string | null;
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  nextCursor: string | null;
}

export interface Execution extends ExecutionSummary {
  team: string;
  project: string;
  attempts: Attempt[];
  agent: string | null;
  result: unknown;
  updatedAt: string;
  webhookId?: string;
  cockpitUrl?: string;
}

export interface OverviewBucket {
  start: string;
  pending: number;
  running: number;
  finished: number;
  failed: number;
}

export interface Overview {
  buckets: OverviewBucket[];
  successRate: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  failingAutomations: { id: string; name: string; failed: number; total: number }[];
  failingWebhooks: { name: string; failed: number; total: number }[];
  disabledWebhooks: { name: string; reason: string | null; since: string | null }[];
}

export interface PayloadTemplate {
  id: string;
  name: string;
  description: string;
  template: string;
}

export interface ArtifactEvent {
  type: EventType;
  entity: string;
  project: string;
  author?: string;
  collection: string;
  alias?: string;
  artifact: { id?: string; version: string; type?: string };
}

export interface DryRun {
  wouldFire: {
    automationId: string;
    automation: string;
    rule: string;
    actionType: string;
    actionName: string;
    payload: string | null;
    wouldDeliver: boolean;
    reason: string | null;
  }[];
  vetoed: { automationId: string; automation: string; rule: string; reason: string }[];
}

export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface Webhook {
  name: string;
  url: string;
  secret: string | null;
  accessToken: string | null;
  enabled: boolean;
  disabledReason: string | null;
}

export interface WebhookRequest {
  name: string;
  url: string;
  secret?: string | null;
  accessToken?: string | null;
}

export interface WebhookTestResult {
  ok: boolean;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  durationMs: number;
  error: string | null;
}

export interface Member {
  username: string;
  role: TeamRole;
}

export interface Job {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
}

export interface JobVersion {
  version: string;
  config: unknown;
  createdAt: string;
}

export interface Queue {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
}

export interface RulesStatus {
  files: { name: string; origin: string }[];
  loadedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastRuleFailure: string | null;
  lastRuleFailureAt: string | null;
}
