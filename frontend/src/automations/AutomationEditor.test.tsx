import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutomationEditor } from './AutomationEditor.tsx';

const responses: Record<string, unknown> = {
  '/api/v1/me': { username: 'ann', systemAdmin: false, teams: [{ name: 'acme', role: 'MEMBER' }] },
  '/api/v1/teams/acme/webhooks': [{ name: 'ci', url: 'https://ci.example.com', enabled: true }],
  '/api/v1/teams/acme/projects': [{ id: 'p1', name: 'churn' }],
  '/api/v1/payload-templates': [{ id: 'slack', name: 'Slack notification', description: '', template: '{"text":"${event_type}"}' }],
};

function renderWizard() {
  const router = createMemoryRouter([{ path: '/teams/:team/projects/:project/automations/new', element: <AutomationEditor /> }], {
    initialEntries: ['/teams/acme/projects/churn/automations/new'],
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  sessionStorage.clear();
  vi.stubGlobal('fetch', (url: string) =>
    Promise.resolve(new Response(JSON.stringify(responses[url] ?? []), { status: 200, headers: { 'Content-Type': 'application/json' } })),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the automation wizard', () => {
  it('shows a field error next to the field and stays on the step until it is fixed', async () => {
    renderWizard();
    fireEvent.click(await screen.findByRole('button', { name: 'Next step' }));
    expect(screen.getByText('The collection to watch is required.')).toBeTruthy();
    expect(screen.getByLabelText('Artifact collection').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(screen.getByLabelText('Artifact collection'), { target: { value: 'training-data' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    expect(await screen.findByLabelText('Payload (JSON, Mustache variables)')).toBeTruthy();
  });

  it('checks an alias against the pattern as it is typed', async () => {
    renderWizard();
    fireEvent.change(await screen.findByLabelText('Event type'), { target: { value: 'ADD_ARTIFACT_ALIAS' } });
    fireEvent.change(screen.getByLabelText(/Alias pattern/), { target: { value: 'prod|staging' } });
    fireEvent.change(screen.getByLabelText('Does this alias match?'), { target: { value: 'staging' } });
    expect(screen.getByText('“staging” matches.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Does this alias match?'), { target: { value: 'production' } });
    expect(screen.getByText('“production” does not match.')).toBeTruthy();
  });

  it('fills the payload from a ready template and validates JSON as it is typed', async () => {
    renderWizard();
    fireEvent.change(await screen.findByLabelText('Artifact collection'), { target: { value: 'data' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    const template = await screen.findByLabelText('Start from a ready template');
    await screen.findByRole('option', { name: 'Slack notification' });
    fireEvent.change(template, { target: { value: 'slack' } });
    const payload = screen.getByLabelText('Payload (JSON, Mustache variables)') as HTMLTextAreaElement;
    expect(payload.value).toBe('{"text":"${event_type}"}');
    expect(screen.getByText('Valid JSON.')).toBeTruthy();
    fireEvent.change(payload, { target: { value: '{"text": }' } });
    expect(screen.getByText(/^Not valid JSON/)).toBeTruthy();
    expect(screen.getByText('${artifact_version_string}')).toBeTruthy();
  });
});
