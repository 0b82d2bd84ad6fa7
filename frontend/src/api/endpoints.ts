import { getJson, sendJson } from './client.ts';
import type {
  ArtifactEvent,
  Automation,
  AutomationRequest,
  DryRun,
  Execution,
  ExecutionPage,
  Job,
  JobVersion,
  Member,
  Overview,
  PayloadTemplate,
  Project,
  Queue,
  QueueRun,
  RulesStatus,
  SecretInfo,
  TeamRole,
  Webhook,
  WebhookRequest,
  WebhookTestResult,
} from './types.ts';

const e = encodeURIComponent;
const team = (t: string) => `/api/v1/teams/${e(t)}`;
const project = (t: string, p: string) => `${team(t)}/projects/${e(p)}`;

/** Query string of the non-empty values, in a stable order. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface HistoryFilter {
  status?: string;
  automation?: string;
  eventType?: string;
  q?: string;
  from?: string;
  to?: string;
}

export const api = {
  projects: (t: string) => getJson<Project[]>(`${team(t)}/projects`),
  createProject: (t: string, name: string) => sendJson<Project>('POST', `${team(t)}/projects`, { name }),

  executions: (t: string, p: string | null, filter: HistoryFilter, cursor: string | null, limit: number) =>
    getJson<ExecutionPage>(
      `${p ? project(t, p) : team(t)}/executions${query({ ...filter, project: undefined, limit, cursor })}`,
    ),
  execution: (id: string) => getJson<Execution>(`/api/v1/executions/${e(id)}`),
  redeliver: (id: string) => sendJson<Execution>('POST', `/api/v1/executions/${e(id)}/redeliver`),

  overview: (t: string, p: string | null, range: string) =>
    getJson<Overview>(`${team(t)}/overview${query({ range, project: p })}`),

  automations: (t: string, p: string) => getJson<Automation[]>(`${project(t, p)}/automations`),
  automation: (t: string, p: string, id: string) => getJson<Automation>(`${project(t, p)}/automations/${e(id)}`),
  createAutomation: (t: string, p: string, body: AutomationRequest) =>
    sendJson<Automation>('POST', `${project(t, p)}/automations`, body),
  patchAutomation: (t: string, p: string, id: string, body: Partial<AutomationRequest>) =>
    sendJson<Automation>('PATCH', `${project(t, p)}/automations/${e(id)}`, body),
  deleteAutomation: (t: string, p: string, id: string) =>
    sendJson<void>('DELETE', `${project(t, p)}/automations/${e(id)}`),

  payloadTemplates: () => getJson<PayloadTemplate[]>('/api/v1/payload-templates'),
  dryRun: (event: ArtifactEvent) => sendJson<DryRun>('POST', '/api/v1/events/dry-run', event),

  secrets: (t: string) => getJson<SecretInfo[]>(`${team(t)}/secrets`),
  putSecret: (t: string, name: string, value: string) =>
    sendJson<SecretInfo>('PUT', `${team(t)}/secrets/${e(name)}`, { value }),
  deleteSecret: (t: string, name: string) => sendJson<void>('DELETE', `${team(t)}/secrets/${e(name)}`),

  webhooks: (t: string) => getJson<Webhook[]>(`${team(t)}/webhooks`),
  createWebhook: (t: string, body: WebhookRequest) => sendJson<Webhook>('POST', `${team(t)}/webhooks`, body),
  updateWebhook: (t: string, name: string, body: WebhookRequest) =>
    sendJson<Webhook>('PUT', `${team(t)}/webhooks/${e(name)}`, body),
  deleteWebhook: (t: string, name: string) => sendJson<void>('DELETE', `${team(t)}/webhooks/${e(name)}`),
  testWebhook: (t: string, name: string, payload: string | null) =>
    sendJson<WebhookTestResult>('POST', `${team(t)}/webhooks/${e(name)}/test`, payload ? { payload } : {}),

  members: (t: string) => getJson<Member[]>(`${team(t)}/members`),
  setMember: (t: string, user: string, role: TeamRole) =>
    sendJson<Member>('PUT', `${team(t)}/members/${e(user)}`, { role }),

  jobs: (t: string, p: string) => getJson<Job[]>(`${project(t, p)}/jobs`),
  createJob: (t: string, p: string, name: string, description: string) =>
    sendJson<Job>('POST', `${project(t, p)}/jobs`, { name, description: description || null }),
  jobVersions: (t: string, p: string, job: string) =>
    getJson<JobVersion[]>(`${project(t, p)}/jobs/${e(job)}/versions`),
  createJobVersion: (t: string, p: string, job: string, config: unknown) =>
    sendJson<JobVersion>('POST', `${project(t, p)}/jobs/${e(job)}/versions`, { config }),

  queues: (t: string) => getJson<Queue[]>(`${team(t)}/queues`),
  createQueue: (t: string, name: string, description: string) =>
    sendJson<Queue>('POST', `${team(t)}/queues`, { name, description: description || null }),
  deleteQueue: (t: string, name: string) => sendJson<void>('DELETE', `${team(t)}/queues/${e(name)}`),
  queueRuns: (t: string, queue: string) => getJson<QueueRun[]>(`${team(t)}/queues/${e(queue)}/runs`),

  rules: () => getJson<RulesStatus>('/api/v1/rules'),
};
