import { Result } from 'antd'

/** Placeholder until the builder lands (issue 6): the shell mounts it under /builder/*. */
export function BuilderRoutes() {
  return <Result status="info" title="Builder" />
}
