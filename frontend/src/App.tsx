import { useCallback, useEffect, useState } from 'react';
import { type Me, errorMessage, fetchMe, logout } from './api.ts';
import { LoginForm } from './LoginForm.tsx';
import { Workspace } from './Workspace.tsx';

type Session =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'authenticated'; me: Me }
  | { state: 'error'; message: string };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [logoutError, setLogoutError] = useState<string | null>(null);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      const me = await fetchMe(signal);
      if (signal?.aborted) return;
      setSession(me ? { state: 'authenticated', me } : { state: 'anonymous' });
    } catch (error) {
      if (signal?.aborted) return;
      setSession({ state: 'error', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    return () => controller.abort();
  }, [refresh]);

  const onLogout = async () => {
    setLogoutError(null);
    try {
      await logout();
      setSession({ state: 'anonymous' });
    } catch (error) {
      setLogoutError(errorMessage(error));
    }
  };

  const onUnauthorized = useCallback(() => setSession({ state: 'anonymous' }), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Cascade</h1>
        {session.state === 'authenticated' && (
          <div className="user">
            <span>
              Signed in as <strong>{session.me.username}</strong>
              {session.me.systemAdmin && <span className="badge">system admin</span>}
            </span>
            <button type="button" onClick={() => void onLogout()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main>
        {logoutError && (
          <p role="alert" className="error">
            {logoutError}
          </p>
        )}
        {session.state === 'loading' && <p aria-busy="true">Loading…</p>}
        {session.state === 'error' && (
          <div>
            <p role="alert" className="error">
              {session.message}
            </p>
            <button type="button" onClick={() => void refresh()}>
              Retry
            </button>
          </div>
        )}
        {session.state === 'anonymous' && <LoginForm onLoggedIn={() => refresh()} />}
        {session.state === 'authenticated' && <Workspace me={session.me} onUnauthorized={onUnauthorized} />}
      </main>
    </div>
  );
}
