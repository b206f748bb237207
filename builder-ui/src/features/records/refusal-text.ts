import type { ApiError } from '../../api/api-error.js'

/** Error text of a refused transition: the field errors named, else the server's message. */
export function refusalText(e: ApiError, fieldLabel: (k: string) => string): string {
  if (e.errors.length === 0) return e.message
  // A problem at the root (a guard) is about the record as a whole: no field to name.
  return e.errors
    .map((x) => {
      const field = x.path.split('/').filter(Boolean)[0]
      return field ? `${fieldLabel(field)}: ${x.message}` : x.message
    })
    .join('; ')
}
