import type { ListQuery } from '@tessera/runtime'
import { fail } from '../http-errors.js'
import { MAX_JSON_DEPTH, jsonDepth } from '../http/json-body-parser.js'

export interface ListQuerystring {
  filter?: string
  sort?: string
  limit?: number
  cursor?: string
  q?: string
}

export const listQuerystringSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: {
      type: 'string',
      maxLength: 8000,
      description:
        'JSON: {"score": {"gte": 60}, "state": {"in": ["new"]}}; operators eq ne in nin contains starts gt gte lt lte between empty notEmpty',
    },
    sort: { type: 'string', maxLength: 500, description: '`field` or `-field`, comma separated' },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    cursor: { type: 'string', maxLength: 2000 },
    q: { type: 'string', maxLength: 200, description: 'text search over text fields' },
  },
} as const

const badFilter = (en: string, zh: string) =>
  fail('BAD_REQUEST', en, zh, {
    problems: [{ path: '/querystring/filter', code: 'filter', message: { en, 'zh-CN': zh } }],
  })

/** The list query as the engine takes it; the filter's field keys are the engine's to check. */
export function toListQuery(qs: ListQuerystring): ListQuery {
  const query: ListQuery = {}
  if (qs.filter !== undefined && qs.filter !== '') {
    if (jsonDepth(qs.filter) > MAX_JSON_DEPTH)
      throw badFilter('filter is nested too deeply', '过滤条件嵌套过深')
    let parsed: unknown
    try {
      parsed = JSON.parse(qs.filter)
    } catch {
      throw badFilter('filter must be JSON', '过滤条件必须是 JSON')
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw badFilter(
        'filter must be a JSON object of field to condition',
        '过滤条件必须是"字段 → 条件"的 JSON 对象',
      )
    query.filter = parsed as Record<string, unknown>
  }
  if (qs.sort) query.sort = qs.sort
  if (qs.limit !== undefined) query.limit = qs.limit
  if (qs.cursor) query.cursor = qs.cursor
  if (qs.q) query.q = qs.q
  return query
}
