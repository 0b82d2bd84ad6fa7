import { type FormEvent, useState } from 'react';
import { errorMessage, login } from './api.ts';

interface Props {
  onLoggedIn: () => Promise<void>;
}

export function LoginForm({ onLoggedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setSubmitting(true);
    try {
      if (await login(username, password)) {
        await onLoggedIn();
        return; // this form unmounts once the session is known
      }
      setError('Wrong username or password');
      setPassword('');
    } catch (e) {
      setError(errorMessage(e));
    }
    setSubmitting(false);
  };

  return (
    <form className="login" aria-label="Sign in" onSubmit={(e) => void onSubmit(e)}>
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
      <button type="submit" disabled={submitting}>
        Sign in
      </button>
    </form>
  );
}
