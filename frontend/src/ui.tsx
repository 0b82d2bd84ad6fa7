import type { ReactNode } from 'react';
import { ApiError, errorMessage } from './api/client.ts';
import type { ExecutionStatus } from './api/types.ts';

export function Loading({ what }: { what: string }) {
  return <p aria-busy="true">Loading {what}…</p>;
}

/** A failed request as a sentence (403 and 404 included), never a blank page. */
export function Problem({ error }: { error: unknown }) {
  return (
    <p role="alert" className="error">
      {errorMessage(error)}
    </p>
  );
}

/** The problem detail's message when it names this field. */
export function fieldError(error: unknown, ...fields: string[]): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const named = error.field;
  return fields.some((f) => named === f || named.startsWith(`${f}.`)) ? error.detail : null;
}

/** The problem detail when no field of the form shows it. */
export function formError(error: unknown, shownFields: string[]): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.field && shownFields.some((f) => fieldError(error, f))) return null;
  return errorMessage(error);
}

interface FieldProps {
  label: string;
  id: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled control with its hint and its error next to it (the control takes {@code id}). */
export function Field({ label, id, error, hint, children }: FieldProps) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small className="hint" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      {error && (
        <small className="field-error" id={`${id}-error`} role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: ExecutionStatus | string }) {
  return <span className={`status status-${status.toLowerCase()}`}>{status.toLowerCase()}</span>;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return null;
  return <time dateTime={iso}>{formatTime(iso)}</time>;
}
