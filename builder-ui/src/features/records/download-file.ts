import { toApiError } from '../../api/api-error.js'

/** The file name a Content-Disposition header gives (RFC 6266 `filename*` first), or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // a broken encoding: try the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition)
  const name = plain?.[2] ?? plain?.[1]?.trim()
  return name || fallback
}

/**
 * Fetches a download and answers the file, or throws the server's problem as an ApiError (its
 * detail is what the user is told): a refused export is a message, never a file of JSON.
 */
export async function fetchDownload(
  url: string,
  fallbackName: string,
  lang: string,
  fetcher: typeof fetch = fetch,
): Promise<{ blob: Blob; name: string }> {
  const res = await fetcher(url, { credentials: 'same-origin', headers: { 'Accept-Language': lang } })
  if (!res.ok) {
    const text = await res.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not problem+json: the status alone
    }
    throw toApiError(res.status, body, lang)
  }
  return { blob: await res.blob(), name: fileNameOf(res.headers.get('content-disposition'), fallbackName) }
}

/** Hands a fetched file to the browser's downloads. */
export function saveFile(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  // the click has handed the blob over; the URL can go once the download started
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
