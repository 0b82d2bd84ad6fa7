import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.ts';
import { routes } from './routes.tsx';
import { meKey, signInPath } from './session.ts';
import './styles.css';

// Hash routes (/#/teams/acme/…): every deep link loads the one index.html the server serves at /,
// so links work without the server knowing the app's routes.
const router = createHashRouter(routes);

/** An expired session sends the user to sign in, and back to the same page afterwards. */
function onError(error: unknown) {
  if (error instanceof ApiError && error.status === 401) {
    queryClient.setQueryData(meKey, null);
    const { pathname, search } = router.state.location;
    // Several requests may fail at once: the first one chooses where to come back to.
    if (pathname === '/sign-in') return;
    void router.navigate(signInPath(pathname + search), { replace: true });
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
