import type { Me } from './types.ts';

// Thin client for the Cascade REST API.
//
// Every request sends X-Requested-With: XMLHttpRequest and same-origin credentials (session cookie).
// Non-GET requests carry the CSRF token in X-XSRF-TOKEN: taken from the CASCADE-XSRF-TOKEN cookie, or, when
// that cookie is absent, from GET /api/v1/csrf (which also sets the cookie).

/** Error carrying an RFC 9457 problem detail (or a synthesized one). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** The request field the problem detail names, when it names one. */
  readonly field: string | null;

  constructor(status: number, title: string, detail: string, field: string | null = null) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.field = field;
  }
}

const CSRF_COOKIE = 'CASCADE-XSRF-TOKEN';
const DEFAULT_CSRF_HEADER = 'X-XSRF-TOKEN';

const BASE_HEADERS: Record<string, string> = {
  'X-Requested-With': 'XMLHttpRequest',
};

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = decodeURIComponent(part.slice(eq + 1).trim());
      return value === '' ? null : value;
    }
  }
  return null;
}

interface CsrfToken {
  headerName: string;
  token: string;
}

async function fetchCsrfToken(): Promise<CsrfToken> {
  const response = await fetch('/api/v1/csrf', {
    method: 'GET',
    credentials: 'same-origin',
    headers: { ...BASE_HEADERS, Accept: 'application/json' },
  });
  if (!response.ok) throw await toApiError(response);
  const body = (await response.json()) as Partial<CsrfToken>;
  const headerName = body.headerName || DEFAULT_CSRF_HEADER;
  // The response also sets the CASCADE-XSRF-TOKEN cookie. Prefer it: it holds the raw token, which Spring Security's
  // SPA handling expects in the header, whereas the JSON token may be a masked (per-request) variant.
  const cookie = readCookie(CSRF_COOKIE);
  if (cookie) return { headerName, token: cookie };
  if (!body.token) throw new ApiError(response.status, 'CSRF', 'The server did not return a CSRF token.');
  return { headerName, token: body.token };
}

/** The CSRF token is read afresh before every non-GET request: it changes on login and logout. */
async function csrfToken(forceFetch: boolean): Promise<CsrfToken> {
  const cookie = forceFetch ? null : readCookie(CSRF_COOKIE);
  if (cookie) return { headerName: DEFAULT_CSRF_HEADER, token: cookie };
  return fetchCsrfToken();
}

async function toApiError(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail = '';
  let field: string | null = null;
  try {
    const text = await response.text();
    if (text) {
      try {
        const problem = JSON.parse(text) as { title?: unknown; detail?: unknown; field?: unknown };
        if (typeof problem.title === 'string' && problem.title) title = problem.title;
        if (typeof problem.detail === 'string') detail = problem.detail;
        if (typeof problem.field === 'string' && problem.field) field = problem.field;
      } catch {
        // not JSON: keep the status text
      }
    }
  } catch {
    // body unreadable: keep the status text
  }
  if (!detail) detail = `${title} (HTTP ${response.status})`;
  return new ApiError(response.status, title, detail, field);
}

interface RequestOptions {
  method?: string;
  body?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = (options.method ?? 'GET').toUpperCase();
  const unsafe = method !== 'GET' && method !== 'HEAD';

  const attempt = async (forceFetchCsrf: boolean): Promise<Response> => {
    const headers: Record<string, string> = { ...BASE_HEADERS, Accept: 'application/json' };
    if (options.contentType) headers['Content-Type'] = options.contentType;
    if (unsafe) {
      const csrf = await csrfToken(forceFetchCsrf);
      headers[csrf.headerName] = csrf.token;
    }
    return fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body,
      signal: options.signal,
    });
  };

  let response = await attempt(false);
  // A stale cookie token (e.g. rotated by the server) is rejected with 403: fetch a fresh one and retry once.
  if (unsafe && response.status === 403) {
    response = await attempt(true);
  }
  return response;
}

/** GET and parse JSON; any non-2xx is thrown as an ApiError. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { signal });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

/** A JSON request; answers the parsed body, or undefined for an empty one (204). */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    contentType: body === undefined ? undefined : 'application/json',
  });
  if (!response.ok) throw await toApiError(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Returns the current user, or null when not signed in (401). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  const response = await send('/api/v1/me', { signal });
  if (response.status === 401) return null;
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as Me;
}

/** Returns true on success, false on wrong credentials (401). */
export async function login(username: string, password: string): Promise<boolean> {
  const body = new URLSearchParams({ username, password });
  const response = await send('/login', {
    method: 'POST',
    body: body.toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
  if (response.status === 401) return false;
  if (!response.ok) throw await toApiError(response);
  return true;
}

export async function logout(): Promise<void> {
  const response = await send('/logout', { method: 'POST' });
  // 401 means the session was already gone: that is signed out too.
  if (!response.ok && response.status !== 401) throw await toApiError(response);
}

/** A sentence for the user: 403 and 404 say what they mean rather than echoing a status. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return `Not found: ${error.detail}`;
    if (error.status === 403) return `You are not allowed to do this: ${error.detail}`;
    return error.detail;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
