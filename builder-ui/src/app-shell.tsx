import { Skeleton } from 'antd'
import { lazy, Suspense, useState } from 'react'
import { createBrowserRouter, Navigate, Route, RouterProvider, Routes } from 'react-router'
import { AppProviders } from './app-providers.js'
import { AppListPage } from './features/apps/app-list-page.js'
import { LoginPage } from './features/auth/login-page.js'
import { RequireSession } from './features/auth/require-session.js'
import { BuilderRoutes } from './features/builder/builder-routes.js'
import { ImportPage } from './features/imports/import-page.js'
import { InboxPage } from './features/inbox/inbox-page.js'
import { NotFound } from './features/layout/not-found.js'
import { OrganisationPage } from './features/organisation/organisation-page.js'
import { WorkspaceLayout } from './features/layout/workspace-layout.js'
import { PublicFormPage } from './features/public/public-form-page.js'
import { KanbanPage } from './features/records/kanban-page.js'
import { NewRecordPage } from './features/records/new-record-page.js'
import { RecordPage } from './features/records/record-page.js'
import { RecordsPage } from './features/records/records-page.js'

// ECharts is most of the bundle and only dashboards need it: loaded when one is opened.
const DashboardPage = lazy(() =>
  import('./features/dashboards/dashboard-page.js').then((m) => ({ default: m.DashboardPage })),
)

/**
 * The one app: team workspace and builder share the session, the top bar and the router. A data
 * router holding the route tree below as one splat route: the builder asks before a navigation
 * leaves unsaved work (useBlocker), which only a data router offers.
 */
export function AppShell() {
  const [router] = useState(() => createBrowserRouter([{ path: '*', element: <AppRoutes /> }]))
  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  )
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/public/:token" element={<PublicFormPage />} />
      {/* the server hands out links as /public/forms/<token> */}
      <Route path="/public/forms/:token" element={<PublicFormPage />} />
      <Route
        element={
          <RequireSession>
            <WorkspaceLayout />
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="/apps" replace />} />
        <Route path="/apps" element={<AppListPage />} />
        <Route path="/apps/:app/forms/:form" element={<RecordsPage />} />
        <Route path="/apps/:app/forms/:form/new" element={<NewRecordPage />} />
        <Route path="/apps/:app/kanban/:form" element={<KanbanPage />} />
        <Route
          path="/apps/:app/dashboards/:dashboard"
          element={
            <Suspense fallback={<Skeleton active />}>
              <DashboardPage />
            </Suspense>
          }
        />
        <Route path="/apps/:app/import/:form" element={<ImportPage />} />
        <Route path="/records/:id" element={<RecordPage />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route
          path="/builder/*"
          element={
            <RequireSession adminOnly>
              <BuilderRoutes />
            </RequireSession>
          }
        />
        <Route
          path="/organisation"
          element={
            <RequireSession adminOnly>
              <OrganisationPage />
            </RequireSession>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  )
}
