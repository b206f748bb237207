import { Route, Routes } from 'react-router'
import { AppsHome } from './apps/apps-home.js'
import { AppEditor } from './editor/app-editor.js'

/** The builder, mounted by the shell at /builder/*. */
export function BuilderRoutes() {
  return (
    <Routes>
      <Route index element={<AppsHome />} />
      <Route path=":app" element={<AppEditor />} />
      <Route path=":app/:tab" element={<AppEditor />} />
    </Routes>
  )
}
