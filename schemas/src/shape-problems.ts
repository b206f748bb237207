import type { ErrorObject } from 'ajv'
import { FIELD_TYPES, type Problem } from './app-definition.js'
import { ACTION_TYPES, FIELD_TYPE_SHAPES, schemaId } from './meta-schemas.js'
import type { ShapeCode } from './problem-codes.js'
import { childPointer, localized, problem, quote } from './problems.js'
import { describeType, FORMAT_NAMES, suggestion } from './shape-wording.js'

type Message = ReturnType<typeof localized>

const ALL_FIELD_PROPERTIES = new Set(
  Object.values(FIELD_TYPE_SHAPES).flatMap((s) => Object.keys(s.properties)),
)
const CONDITION_ID = schemaId('condition')
const LABEL_ID = schemaId('label')
const ASSIGNEE_ID = schemaId('assignee-rule')

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1)
const schemaOf = (e: ErrorObject) => (e.parentSchema ?? {}) as { $id?: string; properties?: object }
const dataType = (e: ErrorObject) => {
  const data = e.data as { type?: unknown } | undefined
  return typeof data?.type === 'string' ? data.type : undefined
}
const isFieldBranch = (e: ErrorObject) => {
  const type = dataType(e)
  return (
    type !== undefined && (FIELD_TYPES as readonly string[]).includes(type) && /\/then\//.test(e.schemaPath)
  )
}

/** Words one ajv error as a Problem; `undefined` drops it (e.g. the `if` wrapper of a type branch). */
function translate(e: ErrorObject): Problem | undefined {
  const path = e.instancePath
  const params = e.params as Record<string, unknown>
  const parentId = schemaOf(e).$id
  const make = (code: ShapeCode, at: string, message: Message) => problem(at, code, message)
  // inside a `case`, the keyword is that case's code
  const keyword = e.keyword as ShapeCode

  switch (e.keyword) {
    case 'if':
      return undefined
    case 'required': {
      const missing = String(params.missingProperty)
      const type = dataType(e)
      if (
        isFieldBranch(e) ||
        (type && (ACTION_TYPES as string[]).includes(type) && e.schemaPath.includes('/then/'))
      )
        return make(
          'required',
          childPointer(path, missing),
          localized(`类型为 '${type}' 时必须填写 '${missing}'`, `a '${type}' needs '${missing}'`),
        )
      return make(
        'required',
        childPointer(path, missing),
        localized(`缺少必填属性 '${missing}'`, `missing required property '${missing}'`),
      )
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty)
      const at = childPointer(path, extra)
      const allowed = Object.keys(schemaOf(e).properties ?? {})
      const [zhHint, enHint] = suggestion(extra, allowed)
      if (parentId === CONDITION_ID)
        return make(
          'unknown_operator',
          at,
          localized(
            `未知的 JSON Logic 运算符 '${extra}'${zhHint}`,
            `unknown JSON Logic operator '${extra}'${enHint}`,
          ),
        )
      if (isFieldBranch(e) && ALL_FIELD_PROPERTIES.has(extra) && !allowed.includes(extra))
        return make(
          'additionalProperties',
          at,
          localized(
            `属性 '${extra}' 不适用于 '${dataType(e)}' 类型的字段`,
            `property '${extra}' does not apply to a '${dataType(e)}' field`,
          ),
        )
      return make(
        'additionalProperties',
        at,
        localized(`未知属性 '${extra}'${zhHint}`, `unknown property '${extra}'${enHint}`),
      )
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const value = e.data
      const [zhHint, enHint] = typeof value === 'string' ? suggestion(value, allowed) : ['', '']
      if (allowed.includes('text') && lastSegment(path) === 'type')
        return make(
          'enum',
          path,
          localized(`未知的字段类型 ${quote(value)}${zhHint}`, `unknown field type ${quote(value)}${enHint}`),
        )
      return make(
        'enum',
        path,
        localized(
          `${quote(value)} 不是允许的值${zhHint}；可选：${allowed.join(', ')}`,
          `${quote(value)} is not allowed${enHint}; expected one of ${allowed.join(', ')}`,
        ),
      )
    }
    case 'type': {
      if (parentId === LABEL_ID)
        return make(
          'type',
          path,
          localized(
            '必须是字符串或 {语言: 字符串} 对象',
            'must be a string or an object of locale to string',
          ),
        )
      const [zh, en] = describeType(params.type)
      return make(
        'type',
        path,
        localized(`必须是${zh}，而不是 ${quote(e.data)}`, `must be ${en}, not ${quote(e.data)}`),
      )
    }
    case 'minProperties':
    case 'maxProperties':
      if (parentId === CONDITION_ID)
        return make(
          'invalid_logic',
          path,
          localized(
            'JSON Logic 运算必须恰好有一个运算符键',
            'a JSON Logic operation has exactly one operator key',
          ),
        )
      if (parentId === ASSIGNEE_ID)
        return make(
          keyword,
          path,
          localized(
            '负责人规则必须恰好是 user、field、role、roundRobin、department、departmentHead、manager 之一',
            'an assignee rule has exactly one of user, field, role, roundRobin, department, departmentHead, manager',
          ),
        )
      if (parentId === LABEL_ID)
        return make(
          keyword,
          path,
          localized('标签对象至少需要一种语言', 'a label object needs at least one locale'),
        )
      return make(
        keyword,
        path,
        localized(
          `属性数量须满足 ${e.keyword} ${params.limit}`,
          `must have ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${params.limit} properties`,
        ),
      )
    case 'propertyNames': {
      const name = String(params.propertyName)
      return make(
        'propertyNames',
        childPointer(path, name),
        localized(
          `'${name}' 不是语言代码（如 'en'、'zh-CN'）`,
          `'${name}' is not a locale such as 'en' or 'zh-CN'`,
        ),
      )
    }
    case 'pattern':
      if (e.propertyName !== undefined) return undefined // reported by its `propertyNames` error
      if (lastSegment(path) === 'currency')
        return make(
          'pattern',
          path,
          localized(
            '必须是三位大写 ISO 4217 货币代码（如 CNY）',
            'must be a 3-letter ISO 4217 currency code (e.g. CNY)',
          ),
        )
      if (lastSegment(path) === 'url')
        return make('pattern', path, localized('必须是 http(s):// 地址', 'must be an http(s):// URL'))
      if (['min', 'max', 'default'].includes(lastSegment(path)))
        return make(
          'pattern',
          path,
          localized(`${quote(e.data)} 不是十进制数字字符串`, `${quote(e.data)} is not a decimal string`),
        )
      return make('pattern', path, localized(`不符合格式 ${params.pattern}`, `must match ${params.pattern}`))
    case 'format': {
      const [zh, en] = FORMAT_NAMES[String(params.format)] ?? [String(params.format), String(params.format)]
      return make('format', path, localized(`${quote(e.data)} 不是${zh}`, `${quote(e.data)} is not ${en}`))
    }
    case 'minLength':
      return params.limit === 1
        ? make('minLength', path, localized('不能为空', 'must not be empty'))
        : make(
            'minLength',
            path,
            localized(`至少 ${params.limit} 个字符`, `must be at least ${params.limit} characters`),
          )
    case 'minItems':
      return make(
        'minItems',
        path,
        localized(
          `至少需要 ${params.limit} 项`,
          `needs at least ${params.limit} item${params.limit === 1 ? '' : 's'}`,
        ),
      )
    case 'uniqueItems': {
      const i = Number(params.i)
      const j = Number(params.j)
      return make(
        'uniqueItems',
        childPointer(path, Math.max(i, j)),
        localized(`与第 ${Math.min(i, j)} 项重复`, `repeats item ${Math.min(i, j)}`),
      )
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[e.keyword]
      return make(keyword, path, localized(`必须 ${op} ${params.limit}`, `must be ${op} ${params.limit}`))
    }
    default:
      return make(keyword, path, localized(e.message ?? e.keyword, e.message ?? e.keyword))
  }
}

/** Turns ajv's errors into Problems with pointers at the offending member, deduplicated. */
export function shapeProblems(errors: readonly ErrorObject[] | null | undefined): Problem[] {
  const seen = new Set<string>()
  const out: Problem[] = []
  for (const error of errors ?? []) {
    const p = translate(error)
    if (!p) continue
    const id = `${p.path}\u0000${p.code}`
    if (seen.has(id)) continue
    seen.add(id)
    out.push(p)
  }
  return out
}
