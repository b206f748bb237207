/** One field error of a problem+json answer (DESIGN.md "Interfaces"). */
export interface FieldError {
  /** JSON pointer, e.g. `/email` or `/items/0/qty` */
  path: string
  code: string
  message: string
}

/** A failed API call, carrying the problem+json body so forms can put errors on their fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  get isConflict() {
    return this.status === 409
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** Reads a message that may be a plain string or `{ "zh-CN", en }`. */
function pickMessage(v: unknown, lang: string): string | undefined {
  if (typeof v === 'string') return v
  if (isRecord(v)) {
    const m = v[lang] ?? v.en ?? Object.values(v)[0]
    return typeof m === 'string' ? m : undefined
  }
  return undefined
}

/** Turns a problem+json body (or anything else the server sent) into an ApiError. */
export function toApiError(status: number, body: unknown, lang: string): ApiError {
  if (!isRecord(body)) return new ApiError(status, `HTTP_${status}`, `HTTP ${status}`, [], body)
  const code = typeof body.code === 'string' ? body.code : `HTTP_${status}`
  const message =
    pickMessage(body.detail, lang) ?? pickMessage(body.message, lang) ?? pickMessage(body.title, lang) ?? code
  const raw = Array.isArray(body.errors) ? body.errors : []
  const errors: FieldError[] = raw.filter(isRecord).map((e) => ({
    path: typeof e.path === 'string' ? e.path : '/',
    code: typeof e.code === 'string' ? e.code : 'invalid',
    message: pickMessage(e.message, lang) ?? String(e.code ?? 'invalid'),
  }))
  return new ApiError(status, code, message, errors, body)
}

/**
 * Groups field errors by top-level field key; `/items/0/qty` lands on `items` with its row path kept
 * in the message map under `items/0/qty` as well, so a subform can show it on the row.
 */
export function errorsByField(errors: FieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const e of errors) {
    const parts = e.path.split('/').filter(Boolean)
    const keys = parts.length === 0 ? ['_form'] : [parts[0]!, parts.join('/')]
    for (const k of new Set(keys)) {
      const list = out[k] ?? []
      list.push(e.message)
      out[k] = list
    }
  }
  return out
}
