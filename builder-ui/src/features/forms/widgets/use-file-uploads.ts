import { useCallback, useEffect, useRef, useState } from 'react'
import { uploadWithProgress } from '../../../api/upload.js'
import type { FileRef } from '../../../api/wire-types.js'

export interface PendingUpload {
  key: string
  file: File
  progress: number
  status: 'uploading' | 'failed'
}

let seq = 0

/** Runs uploads; a finished one leaves the pending list and is handed to `onDone`, a failed one stays for retry. */
export function useFileUploads(lang: string, app: string | undefined, onDone: (ref: FileRef) => void) {
  const [pending, setPending] = useState<PendingUpload[]>([])
  const aborts = useRef(new Map<string, () => void>())
  const done = useRef(onDone)
  done.current = onDone

  useEffect(
    () => () => {
      for (const abort of aborts.current.values()) abort()
    },
    [],
  )

  const patch = useCallback(
    (key: string, p: Partial<PendingUpload>) =>
      setPending((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u))),
    [],
  )

  const run = useCallback(
    (key: string, file: File) => {
      const form = new FormData()
      // the app first: the server files the upload under it before the stream starts
      if (app) form.append('app', app)
      form.append('file', file, file.name)
      const handle = uploadWithProgress<FileRef>('/files', form, (f) => patch(key, { progress: f }), lang)
      aborts.current.set(key, handle.abort)
      handle.promise.then(
        (ref) => {
          aborts.current.delete(key)
          setPending((list) => list.filter((u) => u.key !== key))
          done.current({
            id: ref.id,
            name: ref.name ?? file.name,
            size: ref.size ?? file.size,
            type: ref.type ?? file.type,
            sha256: ref.sha256,
          })
        },
        () => {
          aborts.current.delete(key)
          patch(key, { status: 'failed' })
        },
      )
    },
    [lang, app, patch],
  )

  const start = (file: File) => {
    const key = `u${++seq}`
    setPending((list) => [...list, { key, file, progress: 0, status: 'uploading' }])
    run(key, file)
  }
  const retry = (key: string) => {
    const u = pending.find((p) => p.key === key)
    if (!u) return
    patch(key, { status: 'uploading', progress: 0 })
    run(key, u.file)
  }
  const dismiss = (key: string) => {
    aborts.current.get(key)?.()
    setPending((list) => list.filter((u) => u.key !== key))
  }
  return { pending, start, retry, dismiss }
}
