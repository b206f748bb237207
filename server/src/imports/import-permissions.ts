import type { Actor } from '@tessera/runtime'
import { type FormDefinition, mayBulk } from '@tessera/schemas'
import { fail } from '../http-errors.js'
import type { ServerStore } from '../server-store.js'

/**
 * Form-level permission for a bulk action, as `mayBulk` (shared with the UI) decides it. Row and
 * field rules still apply: the exporter reads through engine.list.
 */
export async function requireBulkPermission(
  store: ServerStore,
  appKey: string,
  form: FormDefinition,
  actor: Actor,
  kind: 'import' | 'export',
) {
  if (actor.isAdmin) return
  const membership = actor.userId
    ? (await store.memberships.ofUser(actor.userId)).find((m) => m.app === appKey)
    : undefined
  if (mayBulk(form, { isAdmin: false, roles: membership?.roles }, kind)) return
  throw fail(
    'FORBIDDEN',
    `You may not ${kind} records of ${form.key}`,
    kind === 'import' ? `您无权导入 ${form.key} 的记录` : `您无权导出 ${form.key} 的记录`,
  )
}
