import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { api } from '../../api/api.js'
import type { ApiError } from '../../api/api-error.js'
import { uploadWithProgress } from '../../api/upload.js'
import type { ImportJob } from '../../api/wire-types.js'

export interface ImportRequest {
  file: File
  mapping: Record<string, string | null>
  profile?: string
  dryRun: boolean
  /** skip rows the app's duplicate rule finds already stored, instead of creating them flagged */
  skipDuplicates?: boolean
  encoding?: string
  /** the CSV's separator (`,` `;` tab `|`); the server sniffs it when absent */
  delimiter?: string
}

const finished = (j: ImportJob | undefined) => j?.status === 'done' || j?.status === 'failed'

/** Uploads the file to start an import job, then polls the job once a second until it is done. */
export function useImportJob(app: string, form: string, lang: string) {
  const [job, setJob] = useState<ImportJob | null>(null)
  const [uploadProgress, setUploadProgress] = useState<number | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const poll = useQuery({
    queryKey: ['import-job', app, form, job?.id],
    queryFn: () => api.importJob(app, form, job!.id),
    enabled: Boolean(job) && !finished(job ?? undefined),
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  })
  const current = poll.data ?? job

  const start = (req: ImportRequest) => {
    setError(null)
    setJob(null)
    const body = new FormData()
    // fields before the file part, so the server has them when the stream starts
    const mapping = Object.fromEntries(
      Object.entries(req.mapping).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    if (req.profile) body.append('profile', req.profile)
    else if (Object.keys(mapping).length > 0) body.append('mapping', JSON.stringify(mapping))
    if (req.dryRun) body.append('dryRun', 'true')
    if (req.skipDuplicates) body.append('skipDuplicates', 'true')
    if (req.encoding) body.append('encoding', req.encoding)
    if (req.delimiter) body.append('delimiter', req.delimiter)
    body.append('file', req.file, req.file.name)
    setUploadProgress(0)
    const path = `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/imports`
    uploadWithProgress<ImportJob>(path, body, setUploadProgress, lang).promise.then(
      (j) => {
        setUploadProgress(null)
        setJob(j)
      },
      (e: ApiError) => {
        setUploadProgress(null)
        setError(e)
      },
    )
  }
  return {
    job: current,
    uploadProgress,
    error,
    start,
    running: uploadProgress !== null || (current !== null && !finished(current)),
  }
}
