import type { FileRef } from '../../../api/wire-types.js'

/*
 * A file field stores upload ids only (runtime normalizeFiles: a list of ids). Names and sizes of
 * the files uploaded in this tab are remembered here so the form can show them; others show by id.
 */
const known = new Map<string, FileRef>()

export const rememberFile = (ref: FileRef) => known.set(ref.id, ref)
export const fileMeta = (id: string): FileRef | undefined => known.get(id)
/** The ids a file field holds, whatever shape arrived (ids, or refs from an older client). */
export function fileIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
  return list.flatMap((v) =>
    typeof v === 'string'
      ? [v]
      : typeof v === 'object' && v !== null && typeof (v as FileRef).id === 'string'
        ? [(v as FileRef).id]
        : [],
  )
}
