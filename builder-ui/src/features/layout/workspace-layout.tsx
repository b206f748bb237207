import { Layout } from 'antd'
import { Outlet } from 'react-router'
import { useEventStream } from '../events/use-event-stream.js'
import { TopBar } from './top-bar.js'

/** Top bar over the page; the event stream keeps every open query fresh while signed in. */
export function WorkspaceLayout() {
  useEventStream()
  return (
    <Layout className="workspace">
      <TopBar />
      <Layout.Content className="workspace-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  )
}
