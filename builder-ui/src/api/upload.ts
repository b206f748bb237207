import { toApiError } from './api-error.js'
import { buildUrl, writeHeaders } from './http.js'

/*
 * Uploads go through XMLHttpRequest because fetch reports no upload progress, and a form must
 * know an upload is still running (C8: submit waits for it).
 */

export interface UploadHandle<T> {
  promise: Promise<T>
  abort: () => void
}

export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  lang: string,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest()
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', buildUrl(path))
    for (const [k, v] of Object.entries(writeHeaders())) xhr.setRequestHeader(k, v)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onload = () => {
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = xhr.responseText
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T)
      else reject(toApiError(xhr.status, body, lang))
    }
    xhr.onerror = () => reject(toApiError(0, { code: 'NETWORK', detail: 'network error' }, lang))
    xhr.onabort = () => reject(toApiError(0, { code: 'ABORTED', detail: 'aborted' }, lang))
    xhr.send(form)
  })
  return { promise, abort: () => xhr.abort() }
}
