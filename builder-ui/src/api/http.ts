import { toApiError } from './api-error.js'

/*
 * The one fetch wrapper: the cookie session rides along (same origin), writes carry the CSRF token
 * handed out at login, and every answer that is not 2xx becomes a typed ApiError.
 */

// kept per tab in sessionStorage so a reload keeps writing; absent outside a browser (unit tests)
const store = typeof sessionStorage === 'undefined' ? null : sessionStorage
let csrfToken: string | null = store?.getItem('tessera.csrf') ?? null
let language = 'en'

export function setCsrfToken(token: string | null) {
  csrfToken = token
  if (token) store?.setItem('tessera.csrf', token)
  else store?.removeItem('tessera.csrf')
}

export function setApiLanguage(lang: string) {
  language = lang
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  query?: Record<string, string | number | undefined | null>
  signal?: AbortSignal
  headers?: Record<string, string>
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return `/api${path}${qs ? `?${qs}` : ''}`
}

export function writeHeaders(): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Language': language }
  if (csrfToken) h['x-csrf-token'] = csrfToken
  return h
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
    ...options.headers,
  }
  if (method !== 'GET') Object.assign(headers, writeHeaders())
  let body: BodyInit | undefined
  if (options.body instanceof FormData) body = options.body
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const res = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  })
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = text
  }
  if (!res.ok) throw toApiError(res.status, parsed, language)
  return parsed as T
}
