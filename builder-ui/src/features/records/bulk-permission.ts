import type { FormDefinition } from '@tessera/schemas'

/**
 * Whether the server will let me import or export a form's records (as
 * server/src/imports/import-permissions.ts decides it): the admin always; a member importing needs a
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
 * Whether the server will let me create a record of the form (runtime access.ts `mayCreate`): the
 * admin always; a member by their roles' `create` (a role's own entry, else `*`), which only `false`
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
