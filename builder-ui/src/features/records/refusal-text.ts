import type { ApiError } from '../../api/api-error.js'

/**
 * Error text of a refused transition: the field errors named, else the server's message. The
 * server's field messages mostly name their field already ("Close value allows at most 2 decimal
 * places"); the label is put in front only of one that does not.
 */
export function refusalText(e: ApiError, fieldLabel: (k: string) => string): string {
  if (e.errors.length === 0) return e.message
  // A problem at the root (a guard) is about the record as a whole: no field to name.
  return e.errors
    .map((x) => {
      const field = x.path.split('/').filter(Boolean)[0]
      if (!field) return x.message
      const name = fieldLabel(field)
      return x.message.includes(name) ? x.message : `${name}: ${x.message}`
    })
    .join('; ')
}
