import { Navigate, type RouteObject } from 'react-router';
import { AutomationList } from './automations/AutomationList.tsx';
import { AutomationEditor } from './automations/AutomationEditor.tsx';
import { ExecutionDetail } from './history/ExecutionDetail.tsx';
import { History } from './history/History.tsx';
import { Home, NotFoundPage, Shell, TeamLayout } from './Layout.tsx';
import { Overview } from './overview/Overview.tsx';
import { Settings } from './settings/Settings.tsx';
import { SignIn } from './SignIn.tsx';

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignIn /> },
  {
    element: <Shell />,
    children: [
      { index: true, element: <Home /> },
      {
        path: 'teams/:team',
        element: <TeamLayout />,
        children: [
          { index: true, element: <History /> },
          { path: 'overview', element: <Overview /> },
          { path: 'executions/:id', element: <ExecutionDetail /> },
          { path: 'settings', element: <Navigate to="secrets" replace /> },
          { path: 'settings/:section', element: <Settings /> },
          { path: 'projects/:project', element: <History /> },
          { path: 'projects/:project/overview', element: <Overview /> },
          { path: 'projects/:project/automations', element: <AutomationList /> },
          { path: 'projects/:project/automations/new', element: <AutomationEditor /> },
          { path: 'projects/:project/automations/:id', element: <AutomationEditor /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
