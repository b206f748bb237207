import { type ErrorCode, TesseraError, isTesseraError } from '@tessera/runtime'
import type { LocalizedMessage, Problem } from '@tessera/schemas'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type Locale, msg, pickLocale } from './http/locale.js'

/** One status per runtime error code: a code without a status fails to compile. */
export const statusFor = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  UNIQUE_VIOLATION: 409,
  TRANSITION_NOT_OPEN: 409,
  ALREADY_DONE: 409,
  DEPARTMENT_CONFLICT: 409,
  INVALID: 422,
  GUARD_FAILED: 422,
  DEFINITION_INVALID: 422,
  SNAPSHOT_STATE_MISSING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  STORE_LOCKED: 503,
  INTERNAL: 500,
} satisfies Record<ErrorCode, number>

/** The short, stable title of each code (the `detail` carries the specifics). */
const titleFor = {
  BAD_REQUEST: msg('Bad request', '请求格式错误'),
  UNAUTHENTICATED: msg('Not signed in', '未登录'),
  FORBIDDEN: msg('Forbidden', '无权操作'),
  NOT_FOUND: msg('Not found', '未找到'),
  VERSION_CONFLICT: msg('Version conflict', '版本冲突'),
  UNIQUE_VIOLATION: msg('Value already taken', '值已被占用'),
  TRANSITION_NOT_OPEN: msg('Transition not open', '当前状态不可执行该流转'),
  ALREADY_DONE: msg('Already done', '已处理'),
  DEPARTMENT_CONFLICT: msg('Department conflict', '部门冲突'),
  INVALID: msg('Invalid data', '数据无效'),
  GUARD_FAILED: msg('Condition not met', '条件不满足'),
  DEFINITION_INVALID: msg('Definition invalid', '定义无效'),
  SNAPSHOT_STATE_MISSING: msg('Workflow state missing', '流程状态不存在'),
  PAYLOAD_TOO_LARGE: msg('Payload too large', '请求体过大'),
  UNSUPPORTED_MEDIA_TYPE: msg('Unsupported media type', '不支持的内容类型'),
  RATE_LIMITED: msg('Too many requests', '请求过于频繁'),
  UNAVAILABLE: msg('Service unavailable', '服务暂不可用'),
  STORE_LOCKED: msg('Data directory in use', '数据目录正被占用'),
  INTERNAL: msg('Internal error', '内部错误'),
} satisfies Record<ErrorCode, LocalizedMessage>

/** A field error as it goes on the wire: the message in the request's language. */
export interface WireProblem {
  path: string
  code: string
  message: string
}

export interface ProblemBody {
  type: string
  title: string
  status: number
  code: ErrorCode
  detail: string
  requestId: string
  errors?: WireProblem[]
  [extra: string]: unknown
}

/** Convenience constructor used across routes: `fail('NOT_FOUND', 'No such app', '没有该应用')`. */
export const fail = (code: ErrorCode, en: string, zh: string, details?: TesseraError['details']) =>
  new TesseraError(code, msg(en, zh), details)

interface AjvLikeError {
  instancePath?: string
  keyword?: string
  message?: string
  params?: Record<string, unknown>
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')

const validationMessages: Record<string, (p: Record<string, unknown>) => LocalizedMessage> = {
  required: (p) =>
    msg(`is required: ${String(p.missingProperty)}`, `缺少必填项：${String(p.missingProperty)}`),
  additionalProperties: (p) =>
    msg(`unknown field: ${String(p.additionalProperty)}`, `未知字段：${String(p.additionalProperty)}`),
  type: (p) => msg(`must be ${String(p.type)}`, `类型应为 ${String(p.type)}`),
  maxLength: (p) => msg(`must be at most ${String(p.limit)} characters`, `最多 ${String(p.limit)} 个字符`),
  minLength: (p) => msg(`must be at least ${String(p.limit)} characters`, `至少 ${String(p.limit)} 个字符`),
  maximum: (p) => msg(`must be at most ${String(p.limit)}`, `不能大于 ${String(p.limit)}`),
  minimum: (p) => msg(`must be at least ${String(p.limit)}`, `不能小于 ${String(p.limit)}`),
  enum: (p) =>
    msg(
      `must be one of ${JSON.stringify(p.allowedValues)}`,
      `必须是以下之一：${JSON.stringify(p.allowedValues)}`,
    ),
  pattern: () => msg('has the wrong format', '格式不正确'),
  format: (p) => msg(`must be a valid ${String(p.format)}`, `必须是有效的 ${String(p.format)}`),
  maxItems: (p) => msg(`must have at most ${String(p.limit)} items`, `最多 ${String(p.limit)} 项`),
  minItems: (p) => msg(`must have at least ${String(p.limit)} items`, `至少 ${String(p.limit)} 项`),
  maxProperties: (p) => msg(`must have at most ${String(p.limit)} keys`, `最多 ${String(p.limit)} 个键`),
}

/** fastify's ajv errors as JSON-pointer problems; the pointer names the property at fault. */
export function problemsFromValidation(errors: AjvLikeError[], context: string | undefined): Problem[] {
  const prefix = context && context !== 'body' ? `/${context}` : ''
  return errors.map((e) => {
    const params = e.params ?? {}
    let path = e.instancePath ?? ''
    if (e.keyword === 'required' && typeof params.missingProperty === 'string')
      path += `/${escapePointer(params.missingProperty)}`
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
      path += `/${escapePointer(params.additionalProperty)}`
    const keyword = e.keyword ?? 'invalid'
    const message = validationMessages[keyword]?.(params) ?? msg(e.message ?? 'is invalid', '无效')
    return { path: `${prefix}${path}` || '/', code: keyword, message }
  })
}

// Postgres SQLSTATE classes 08 (connection) and 57P0x (shutdown) and socket errors mean "try later".
const isDatabaseDown = (err: unknown): boolean => {
  if (!err || typeof err !== 'object') return false
  const code = (err as { code?: unknown }).code
  if (typeof code !== 'string') return false
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === 'ENOTFOUND'
  )
}

/** Turns anything thrown into a TesseraError the client may see; unknown errors become INTERNAL. */
export function toTesseraError(err: unknown): TesseraError {
  if (isTesseraError(err)) return err
  if (isDatabaseDown(err)) return fail('UNAVAILABLE', 'The database is unreachable', '数据库无法连接')
  const fe = err as Partial<FastifyError> & { validation?: AjvLikeError[]; validationContext?: string }
  if (fe && Array.isArray(fe.validation)) {
    return fail('BAD_REQUEST', 'The request does not match its schema', '请求不符合接口定义', {
      problems: problemsFromValidation(fe.validation, fe.validationContext),
    })
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return fail('PAYLOAD_TOO_LARGE', 'The request body is too large', '请求体过大')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return fail('UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here', '此处不接受该内容类型')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fail('BAD_REQUEST', 'The body is not valid JSON', '请求体不是有效的 JSON')
  }
  // busboy's parse errors ("Unexpected end of multipart data", "Malformed part header"): the client's body.
  if (err instanceof Error && /multipart|part header|boundary/i.test(err.message) && !fe?.statusCode)
    return fail('BAD_REQUEST', 'The multipart body is malformed or truncated', '多部分请求体格式错误或不完整')
  const status = fe?.statusCode
  if (status === 429)
    return fail('RATE_LIMITED', 'Too many requests; try again later', '请求过于频繁，请稍后再试')
  if (status === 404) return fail('NOT_FOUND', 'Not found', '未找到')
  if (status === 413) return fail('PAYLOAD_TOO_LARGE', 'The request body is too large', '请求体过大')
  if (status === 415)
    return fail('UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here', '此处不接受该内容类型')
  if (typeof status === 'number' && status >= 400 && status < 500)
    return fail('BAD_REQUEST', 'The request is malformed', '请求格式错误')
  return fail('INTERNAL', 'Something went wrong on our side', '服务器内部错误')
}

/** The problem+json body for an error, in the caller's language. */
// An internal failure's own message may name tables or SQL: the client gets this, the log the rest.
const internalDetail = msg(
  'Something went wrong on our side; quote the request id',
  '服务器内部错误，请提供请求编号',
)

export function problemBody(thrown: TesseraError, locale: Locale, requestId: string): ProblemBody {
  const error = thrown.code === 'INTERNAL' ? new TesseraError('INTERNAL', internalDetail) : thrown
  const status = statusFor[error.code]
  const body: ProblemBody = {
    type: `https://tessera.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: titleFor[error.code][locale],
    status,
    code: error.code,
    detail: error.localized[locale],
    requestId,
  }
  const { problems, ...rest } = error.details ?? {}
  if (Array.isArray(problems))
    body.errors = problems.map((p) => ({ path: p.path, code: p.code, message: p.message[locale] }))
  // Only plain, documented extras travel (e.g. the current version on a 409); never an Error object.
  for (const key of ['currentVersion', 'retryAfter', 'field', 'limit'] as const) {
    const value = (rest as Record<string, unknown>)[key]
    if (typeof value === 'number' || typeof value === 'string') body[key] = value
  }
  return body
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: TesseraError) {
  const locale = pickLocale(request.headers['accept-language'])
  const body = problemBody(error, locale, String(request.id))
  if (error.code === 'UNAVAILABLE' || error.code === 'STORE_LOCKED') reply.header('retry-after', '5')
  if (error.code === 'RATE_LIMITED') reply.header('retry-after', String(body.retryAfter ?? 60))
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body)
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : bytes >= 1024 && bytes % 1024 === 0
      ? `${bytes / 1024} KiB`
      : `${bytes} bytes`

/** The one error handler: every failure leaves as application/problem+json. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err, request, reply) => {
    const limit = request.routeOptions?.bodyLimit
    // a body over the limit says what the limit is, so the client knows how far to shrink it
    const error =
      (err as Partial<FastifyError>).code === 'FST_ERR_CTP_BODY_TOO_LARGE' && typeof limit === 'number'
        ? fail(
            'PAYLOAD_TOO_LARGE',
            `The request body is larger than ${sizeText(limit)}`,
            `请求体超过 ${sizeText(limit)}`,
            {
              limit: sizeText(limit),
            },
          )
        : toTesseraError(err)
    if (statusFor[error.code] >= 500) request.log.error({ err, requestId: request.id }, 'request failed')
    return sendProblem(reply, request, error)
  })
}
