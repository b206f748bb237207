import { type FormDefinition, mayBulk, mayCreateIn } from '@tessera/schemas'
import { useSession } from '../auth/session-queries.js'

/** Who I am in an app, as the permission rules read it (roles undefined: not a member). */
export interface AppSubject {
  isAdmin: boolean
  roles: readonly string[] | undefined
}

/** Whether I may export / import / create a form's records: the rules the server enforces. */
export function formPermissions(form: FormDefinition, who: AppSubject | null) {
  if (!who) return { exporting: false, importing: false, creating: false }
  return {
    exporting: mayBulk(form, who, 'export'),
    importing: mayBulk(form, who, 'import'),
    creating: mayCreateIn(form, who),
  }
}

/** Me in one app, from GET /api/me; null until the session is loaded. */
export function useAppSubject(app: string): AppSubject | null {
  const { me } = useSession()
  if (!me) return null
  return { isAdmin: me.user.isAdmin, roles: me.apps.find((a) => a.key === app)?.roles }
}

/** Whether I may export / import / create this form's records, from GET /api/me (my roles in the app). */
export function useBulkPermission(app: string, form: FormDefinition | undefined) {
  const who = useAppSubject(app)
  if (!form) return { exporting: false, importing: false, creating: false }
  return formPermissions(form, who)
}
