import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetDrafts, useDraft } from './drafts.ts';
import { meKey } from './session.ts';

function Form() {
  const [name, setName] = useDraft('acme/secrets/name', '');
  return (
    <label>
      Name
      <input value={name} onChange={(e) => setName(e.target.value)} />
    </label>
  );
}

function signedIn(username: string) {
  const client = new QueryClient();
  client.setQueryData(meKey, { username, systemAdmin: false, teams: [] });
  return client;
}

function show(client: QueryClient) {
  return render(
    <QueryClientProvider client={client}>
      <Form />
    </QueryClientProvider>,
  );
}

function value() {
  return (screen.getByLabelText('Name') as HTMLInputElement).value;
}

describe('useDraft', () => {
  afterEach(() => {
    cleanup();
    forgetDrafts();
  });

  it('gives the same user back what was typed when the form is shown again', () => {
    const first = show(signedIn('alice'));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'signing-key' } });
    first.unmount();

    show(signedIn('alice'));
    expect(value()).toBe('signing-key');
  });

  it('shows another user nothing, and forgets everything on sign-out', () => {
    const first = show(signedIn('alice'));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'signing-key' } });
    first.unmount();

    const bob = show(signedIn('bob'));
    expect(value()).toBe('');
    bob.unmount();
    act(() => forgetDrafts());
    show(signedIn('alice'));
    expect(value()).toBe('');
  });
});
