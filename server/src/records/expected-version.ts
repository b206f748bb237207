import type { FastifyRequest } from 'fastify'
import { fail } from '../http-errors.js'

/**
 * The version a write expects: `version` in the body, else `If-Match` (`3`, `"3"` or `W/"3"`).
 * Neither is a 400: a write that does not say what it read could overwrite someone's change.
 */
export function expectedVersion(request: FastifyRequest, bodyVersion: number | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion
  const header = request.headers['if-match']
  if (typeof header === 'string') {
    const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header)
    if (match?.[1]) return Number(match[1])
    throw fail(
      'BAD_REQUEST',
      'If-Match must be the record version, e.g. "3"',
      'If-Match 必须是记录版本号，例如 "3"',
      {
        problems: [
          {
            path: '/headers/if-match',
            code: 'format',
            message: { en: 'must be a version number', 'zh-CN': '必须是版本号' },
          },
        ],
      },
    )
  }
  throw fail(
    'BAD_REQUEST',
    'Send the version you read: `version` in the body or If-Match',
    '请提供读取时的版本：请求体中的 version 或 If-Match',
    {
      problems: [{ path: '/version', code: 'required', message: { en: 'is required', 'zh-CN': '必填' } }],
    },
  )
}
