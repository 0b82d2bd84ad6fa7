import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage, fetchMe, login } from './api/client.ts';
import { meKey, safeNext, useMe } from './session.ts';

export function SignIn() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (me.data) return <Navigate to={next} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setSubmitting(true);
    try {
      if (await login(username, password)) {
        await queryClient.invalidateQueries();
        await queryClient.fetchQuery({ queryKey: meKey, queryFn: () => fetchMe() });
        void navigate(next, { replace: true });
        return;
      }
      setError('Wrong username or password');
      setPassword('');
    } catch (e) {
      setError(errorMessage(e));
    }
    setSubmitting(false);
  };

  return (
    <main className="sign-in">
      <h1>Cascade</h1>
      <form className="card" aria-label="Sign in" onSubmit={(e) => void onSubmit(e)}>
        <h2>Sign in</h2>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={submitting}>
          Sign in
        </button>
      </form>
    </main>
  );
}
