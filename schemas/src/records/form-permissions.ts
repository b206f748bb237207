import type { FormDefinition } from '../app-definition.js'

/**
 * Whether someone may import or export a form's records, the one rule the server enforces
 * (server/src/imports/import-permissions.ts) and the UI shows by: the admin always; a member importing needs a
 * role granted `import`; a member exporting needs a role not denied `export` (a form without
 * permissions lets every member export). `roles` undefined: not a member of the app.
 */
export function mayBulk(
  form: FormDefinition,
  me: { isAdmin: boolean; roles: readonly string[] | undefined },
  kind: 'import' | 'export',
): boolean {
  if (me.isAdmin) return true
  if (!me.roles) return false
  const perms = form.permissions
  const granted = (role: string) => perms?.[role]?.[kind] ?? perms?.['*']?.[kind]
  if (kind === 'import') return me.roles.some((r) => granted(r) === true)
  return !perms || me.roles.some((r) => granted(r) !== false)
}

/**
 * Whether someone may create a record of the form, the rule behind the runtime's `mayCreate` (which
 * adds the system and public forms) and the UI's New button: the admin always; a member by their roles' `create` (a role's own entry, else `*`), which only `false`
 * denies; a form without permissions lets every member create.
 */
export function mayCreateIn(
  form: FormDefinition,
  me: { isAdmin: boolean; roles: readonly string[] | undefined },
): boolean {
  if (me.isAdmin) return true
  if (!me.roles) return false
  const perms = form.permissions
  if (!perms) return true
  const own = me.roles.flatMap((r) => (perms[r] ? [perms[r]] : []))
  const applying = own.length ? own : perms['*'] ? [perms['*']] : []
  return applying.some((p) => p.create !== false)
}
