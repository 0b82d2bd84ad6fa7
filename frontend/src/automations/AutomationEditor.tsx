import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { EVENT_TYPES, type EventType } from '../api/types.ts';
import { accessIn, useMe } from '../session.ts';
import { Field, Loading, Problem, formError } from '../ui.tsx';
import { Preview } from './Preview.tsx';
import {
  type Errors,
  STEPS,
  type Step,
  VARIABLES,
  type WizardState,
  aliasMatches,
  emptyState,
  fromAutomation,
  payloadProblem,
  stepOfField,
  toRequest,
  validateStep,
  wizardField,
} from './wizard.ts';

const EVENT_LABELS: Record<EventType, string> = {
  CREATE_ARTIFACT: 'A new version of an artifact is created in a collection',
  LINK_ARTIFACT: 'An artifact version is linked to a collection',
  ADD_ARTIFACT_ALIAS: 'An alias is added to an artifact version',
};

/** Create (no id) or edit an automation; viewers see it read-only. */
export function AutomationEditor() {
  const { team = '', project = '', id } = useParams();
  const me = useMe();
  const access = accessIn(me.data, team);
  const existing = useQuery({
    queryKey: ['automation', team, project, id],
    queryFn: () => api.automation(team, project, id ?? ''),
    enabled: !!id,
  });
  if (me.isPending || (id && existing.isPending)) return <Loading what="the automation" />;
  if (id && existing.isError) return <Problem error={existing.error} />;
  const initial = existing.data ? fromAutomation(existing.data, project) : emptyState(project);
  return (
    <Wizard
      key={existing.data?.updatedAt ?? 'new'}
      team={team}
      project={project}
      id={id ?? null}
      initial={initial}
      readOnly={!access.canWrite}
    />
  );
}

interface WizardProps {
  team: string;
  project: string;
  id: string | null;
  initial: WizardState;
  readOnly: boolean;
}

function draftKey(team: string, project: string, id: string | null) {
  return `cascade.draft:${team}/${project}/${id ?? 'new'}`;
}

/** What was typed survives an error and an expired session (the draft lives in this tab's storage). */
function loadDraft(key: string, fallback: WizardState): WizardState {
  try {
    const saved = sessionStorage.getItem(key);
    return saved ? { ...fallback, ...(JSON.parse(saved) as Partial<WizardState>) } : fallback;
  } catch {
    return fallback;
  }
}

function Wizard({ team, project, id, initial, readOnly }: WizardProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const key = draftKey(team, project, id);
  const [state, setState] = useState<WizardState>(() => (readOnly ? initial : loadDraft(key, initial)));
  const [step, setStep] = useState<Step>(id ? 2 : 0);
  const [errors, setErrors] = useState<Errors>({});
  const [aliasSample, setAliasSample] = useState('production');

  useEffect(() => {
    if (!readOnly) sessionStorage.setItem(key, JSON.stringify(state));
  }, [key, state, readOnly]);

  const base = `/teams/${encodeURIComponent(team)}/projects/${encodeURIComponent(project)}/automations`;
  const save = useMutation({
    mutationFn: () =>
      id ? api.patchAutomation(team, project, id, toRequest(state)) : api.createAutomation(team, project, toRequest(state)),
    onSuccess: async (saved) => {
      sessionStorage.removeItem(key);
      await queryClient.invalidateQueries({ queryKey: ['automations', team, project] });
      await queryClient.invalidateQueries({ queryKey: ['automation', team, project, saved.id] });
      void navigate(`${base}/${saved.id}`, { replace: !!id });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field) {
        const field = wizardField(error.field);
        if (field) {
          setErrors({ [field]: error.detail });
          setStep(stepOfField(error.field));
        }
      }
    },
  });

  const set = <K extends keyof WizardState>(field: K, value: WizardState[K]) => {
    setState((s) => ({ ...s, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const next = () => {
    const found = validateStep(state, step);
    setErrors(found);
    if (Object.keys(found).length === 0) setStep((s) => (s + 1) as Step);
  };
  const submit = () => {
    for (const s of [0, 1, 2] as Step[]) {
      const found = validateStep(state, s);
      if (Object.keys(found).length > 0) {
        setErrors(found);
        setStep(s);
        return;
      }
    }
    save.mutate();
  };
  const shownFields = Object.keys(errors).filter((f) => errors[f as keyof WizardState]);
  const generalError = save.isError && !(save.error instanceof ApiError && save.error.field && wizardField(save.error.field))
    ? formError(save.error, [])
    : null;

  return (
    <section aria-labelledby="wizard-heading" className="wizard">
      <p>
        <Link to={base}>← Automations</Link>
      </p>
      <h1 id="wizard-heading">{id ? (readOnly ? initial.name : `Edit ${initial.name}`) : 'New automation'}</h1>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined}>
            <button type="button" onClick={() => setStep(i as Step)} disabled={!id && i > step}>
              {i + 1}. {label}
            </button>
          </li>
        ))}
      </ol>
      <form
        aria-label="Automation"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step < 2) next();
          else submit();
        }}
      >
        <fieldset disabled={readOnly}>
          {step === 0 && (
            <EventStep state={state} set={set} errors={errors} aliasSample={aliasSample} setAliasSample={setAliasSample} />
          )}
          {step === 1 && <ActionStep team={team} project={project} state={state} set={set} errors={errors} />}
          {step === 2 && (
            <>
              <legend>Details</legend>
              <Field label="Automation name" id="name" error={errors.name}>
                <input id="name" value={state.name} onChange={(e) => set('name', e.target.value)} aria-invalid={!!errors.name} />
              </Field>
              <Field label="Description (optional)" id="description" error={errors.description}>
                <textarea id="description" rows={2} value={state.description} onChange={(e) => set('description', e.target.value)} />
              </Field>
              <label className="inline">
                <input type="checkbox" checked={state.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
              </label>
            </>
          )}
        </fieldset>
        {generalError && (
          <p role="alert" className="error">
            {generalError}
          </p>
        )}
        {shownFields.length > 0 && !generalError && (
          <p className="error" role="status">
            Fix the highlighted field{shownFields.length > 1 ? 's' : ''} to continue.
          </p>
        )}
        {!readOnly && (
          <div className="actions">
            {step > 0 && (
              <button type="button" onClick={() => setStep((s) => (s - 1) as Step)}>
                Back
              </button>
            )}
            {step < 2 ? (
              <button type="submit" className="primary">
                Next step
              </button>
            ) : (
              <button type="submit" className="primary" disabled={save.isPending}>
                {id ? 'Save automation' : 'Create automation'}
              </button>
            )}
          </div>
        )}
      </form>
      {id && !readOnly && <Preview team={team} project={project} initial={state} />}
    </section>
  );
}

interface StepProps {
  state: WizardState;
  set: <K extends keyof WizardState>(field: K, value: WizardState[K]) => void;
  errors: Errors;
}

function EventStep({
  state,
  set,
  errors,
  aliasSample,
  setAliasSample,
}: StepProps & { aliasSample: string; setAliasSample: (v: string) => void }) {
  const alias = state.eventType === 'ADD_ARTIFACT_ALIAS';
  const match = state.aliasPattern ? aliasMatches(state.aliasPattern, aliasSample) : null;
  return (
    <>
      <legend>Event</legend>
      <Field label="Event type" id="eventType" error={errors.eventType}>
        <select id="eventType" value={state.eventType} onChange={(e) => set('eventType', e.target.value as EventType)}>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {EVENT_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={alias ? 'Artifact collection (optional)' : 'Artifact collection'}
        id="collection"
        error={errors.collection}
      >
        <input
          id="collection"
          value={state.collection}
          placeholder="training-data"
          onChange={(e) => set('collection', e.target.value)}
          aria-invalid={!!errors.collection}
        />
      </Field>
      {alias && (
        <>
          <Field
            label="Alias pattern (regular expression, matches the whole alias)"
            id="aliasPattern"
            error={errors.aliasPattern}
          >
            <input
              id="aliasPattern"
              value={state.aliasPattern}
              placeholder="production|staging"
              onChange={(e) => set('aliasPattern', e.target.value)}
              aria-invalid={!!errors.aliasPattern}
            />
          </Field>
          <Field label="Does this alias match?" id="aliasSample">
            <input id="aliasSample" value={aliasSample} onChange={(e) => setAliasSample(e.target.value)} />
          </Field>
          {match !== null && (
            <p role="status" className={match === true ? 'ok' : 'error'}>
              {typeof match === 'string' ? match : match ? `“${aliasSample}” matches.` : `“${aliasSample}” does not match.`}
            </p>
          )}
        </>
      )}
    </>
  );
}

function ActionStep({ team, project, state, set, errors }: StepProps & { team: string; project: string }) {
  const webhooks = useQuery({ queryKey: ['webhooks', team], queryFn: () => api.webhooks(team), retry: false });
  const templates = useQuery({ queryKey: ['payload-templates'], queryFn: api.payloadTemplates, staleTime: Infinity });
  const jobs = useQuery({ queryKey: ['jobs', team, project], queryFn: () => api.jobs(team, project), enabled: state.actionType === 'QUEUE_JOB' });
  const versions = useQuery({
    queryKey: ['job-versions', team, project, state.job],
    queryFn: () => api.jobVersions(team, project, state.job),
    enabled: state.actionType === 'QUEUE_JOB' && !!state.job,
  });
  const queues = useQuery({ queryKey: ['queues', team], queryFn: () => api.queues(team), enabled: state.actionType === 'QUEUE_JOB' });
  const projects = useQuery({ queryKey: ['projects', team], queryFn: () => api.projects(team) });
  const liveProblem = state.payload ? payloadProblem(state.payload) : null;

  return (
    <>
      <legend>Action</legend>
      <Field label="Action type" id="actionType">
        <select
          id="actionType"
          value={state.actionType}
          onChange={(e) => set('actionType', e.target.value as WizardState['actionType'])}
        >
          <option value="GENERIC_WEBHOOK">Webhooks</option>
          <option value="QUEUE_JOB">Jobs</option>
        </select>
      </Field>
      {state.actionType === 'GENERIC_WEBHOOK' ? (
        <>
          <Field label="Webhook" id="webhook" error={errors.webhook}>
            {webhooks.data ? (
              <select id="webhook" value={state.webhook} onChange={(e) => set('webhook', e.target.value)} aria-invalid={!!errors.webhook}>
                <option value="">Pick a webhook</option>
                {webhooks.data.map((w) => (
                  <option key={w.name} value={w.name}>
                    {w.name}
                    {w.enabled ? '' : ' (disabled)'}
                  </option>
                ))}
              </select>
            ) : (
              // Only team admins may list webhooks; everyone else names one.
              <input id="webhook" value={state.webhook} onChange={(e) => set('webhook', e.target.value)} aria-invalid={!!errors.webhook} />
            )}
          </Field>
          <Field label="Start from a ready template" id="template">
            <select
              id="template"
              value=""
              onChange={(e) => {
                const t = templates.data?.find((x) => x.id === e.target.value);
                if (t) set('payload', t.template);
              }}
            >
              <option value="">Pick a template…</option>
              {templates.data?.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="editor">
            <Field
              label="Payload (JSON, Mustache variables)"
              id="payload"
              error={errors.payload ?? liveProblem}
              hint={!liveProblem && state.payload ? 'Valid JSON.' : undefined}
            >
              <textarea
                id="payload"
                className="code"
                rows={14}
                spellCheck={false}
                value={state.payload}
                onChange={(e) => set('payload', e.target.value)}
                aria-invalid={!!(errors.payload ?? liveProblem)}
              />
            </Field>
            <aside aria-labelledby="variables-heading" className="variables">
              <h2 id="variables-heading">Variables</h2>
              <p className="muted">Write <code>{'${name}'}</code>; team secrets by name too. Values are JSON-escaped.</p>
              <dl>
                {VARIABLES.map((v) => (
                  <div key={v.name}>
                    <dt>
                      <code>{`\${${v.name}}`}</code>
                    </dt>
                    <dd>{v.description}</dd>
                  </div>
                ))}
              </dl>
            </aside>
          </div>
        </>
      ) : (
        <>
          <Field label="Job" id="job" error={errors.job}>
            <select id="job" value={state.job} onChange={(e) => set('job', e.target.value)}>
              <option value="">Pick a job</option>
              {jobs.data?.map((j) => (
                <option key={j.id} value={j.name}>
                  {j.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Job version" id="jobVersion" error={errors.jobVersion}>
            <select id="jobVersion" value={state.jobVersion} onChange={(e) => set('jobVersion', e.target.value)}>
              <option value="">Pick a version</option>
              {versions.data?.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Queue" id="queue" error={errors.queue}>
            <select id="queue" value={state.queue} onChange={(e) => set('queue', e.target.value)}>
              <option value="">Pick a queue</option>
              {queues.data?.map((q) => (
                <option key={q.id} value={q.name}>
                  {q.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Destination project" id="destinationProject" error={errors.destinationProject}>
            <select id="destinationProject" value={state.destinationProject} onChange={(e) => set('destinationProject', e.target.value)}>
              {projects.data?.map((p) => (
                <option key={p.id} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Overrides (JSON object, optional)" id="overrides" error={errors.overrides}>
            <textarea
              id="overrides"
              className="code"
              rows={6}
              value={state.overrides}
              placeholder='{"hyperparameters": {"lr": 0.01}}'
              onChange={(e) => set('overrides', e.target.value)}
            />
          </Field>
        </>
      )}
    </>
  );
}
