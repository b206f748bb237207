import { type FormDefinition, mayBulk, mayCreateIn } from '@tessera/schemas'
import { useSession } from '../auth/session-queries.js'

/** Whether I may export / import / create this form's records, from GET /api/me (my roles in the app). */
export function useBulkPermission(app: string, form: FormDefinition | undefined) {
  const { me } = useSession()
  if (!me || !form) return { exporting: false, importing: false, creating: false }
  const who = { isAdmin: me.user.isAdmin, roles: me.apps.find((a) => a.key === app)?.roles }
  return {
    exporting: mayBulk(form, who, 'export'),
    importing: mayBulk(form, who, 'import'),
    creating: mayCreateIn(form, who),
  }
}
