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
