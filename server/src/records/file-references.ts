import type { Actor } from '@tessera/runtime'
import type { FieldDefinition, FormDefinition, Problem } from '@tessera/schemas'
import { fail } from '../http-errors.js'
import type { ServerStore } from '../server-store.js'

/** A file value is an id, `{id, ...}`, or a list of those (maxFiles > 1). */
function fileIds(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(fileIds)
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string')
    return [(value as { id: string }).id]
  return []
}

interface Reference {
  path: string
  id: string
}

function collect(fields: FieldDefinition[], data: Record<string, unknown>, base: string, out: Reference[]) {
  for (const field of fields) {
    const value = data[field.key]
    if (value === undefined || value === null) continue
    if (field.type === 'file' || field.type === 'image')
      for (const id of fileIds(value)) out.push({ path: `${base}/${field.key}`, id })
    if (field.type === 'subform' && field.fields && Array.isArray(value))
      value.forEach((row, i) => {
        if (row && typeof row === 'object')
          collect(field.fields!, row as Record<string, unknown>, `${base}/${field.key}/${i}`, out)
      })
  }
}

/**
 * C8 at the API: a record may reference only files whose upload completed, uploaded by the same
 * user. Files already on the record (`previous`) stay valid whoever uploaded them.
 */
export async function checkFileReferences(
  store: ServerStore,
  form: FormDefinition | undefined,
  data: unknown,
  actor: Actor,
  previous: Record<string, unknown> = {},
) {
  if (!form || !data || typeof data !== 'object') return
  const refs: Reference[] = []
  collect(form.fields, data as Record<string, unknown>, '', refs)
  if (refs.length === 0) return
  const kept: Reference[] = []
  collect(form.fields, previous, '', kept)
  const already = new Set(kept.map((r) => r.id))
  const fresh = refs.filter((r) => !already.has(r.id))
  if (fresh.length === 0) return
  const found = new Map((await store.files.getMany(fresh.map((r) => r.id))).map((f) => [f.id, f]))
  const problems: Problem[] = []
  for (const ref of fresh) {
    const file = found.get(ref.id)
    if (!file || file.owner !== actor.userId)
      problems.push({
        path: ref.path,
        code: 'file_unknown',
        message: { en: 'no such uploaded file', 'zh-CN': '没有该上传文件' },
      })
    else if (file.status === 'pending')
      problems.push({
        path: ref.path,
        code: 'upload_in_progress',
        message: { en: 'upload in progress', 'zh-CN': '文件仍在上传中' },
      })
    else if (file.status === 'failed')
      problems.push({
        path: ref.path,
        code: 'upload_failed',
        message: { en: 'upload failed, retry', 'zh-CN': '上传失败，请重试' },
      })
  }
  if (problems.length)
    throw fail(
      'INVALID',
      'A referenced file is not a completed upload of yours',
      '引用的文件不是您已完成的上传',
      { problems },
    )
}
