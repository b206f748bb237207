import type { Actor } from '@tessera/runtime'
import type { FormDefinition } from '@tessera/schemas'
import { fail } from '../http-errors.js'
import type { ServerStore } from '../server-store.js'

/**
 * Form-level permission for a bulk action. Import: the admin, or a role granted `import`.
 * Export: the admin, or a member whose role does not deny it (a form without permissions lets
 * every member export). Row and field rules still apply: the exporter reads through engine.list.
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
  if (membership) {
    const perms = form.permissions
    const granted = (role: string) => perms?.[role]?.[kind] ?? perms?.['*']?.[kind]
    const allowed =
      kind === 'import'
        ? membership.roles.some((r) => granted(r) === true)
        : !perms || membership.roles.some((r) => granted(r) !== false)
    if (allowed) return
  }
  throw fail(
    'FORBIDDEN',
    `You may not ${kind} records of ${form.key}`,
    kind === 'import' ? `您无权导入 ${form.key} 的记录` : `您无权导出 ${form.key} 的记录`,
  )
}
