import type { FieldDefinition, JsonLogic } from '../app-definition.js'
import { operationOf } from '../logic/logic-shape.js'
import { OPERATORS } from '../logic/operators.js'
import { childPointer, localized, quote } from '../problems.js'
import { type CheckContext, type FieldEntry, indexFields, unknownFormMessage } from './check-context.js'
import { OPTION_TYPES } from './field-kinds.js'
import { checkLogic, type FieldScope, unknownFieldMessage } from './logic-checks.js'
import { logicFacts } from './logic-facts.js'
import { valueProblem } from './value-checks.js'

const SERIAL_PLACEHOLDER = /\{([^{}]*)\}/g
const SERIAL_DATE_PARTS = new Set(['YYYY', 'YY', 'MM', 'DD'])
/** Types whose value is not one line of text, so they cannot stand for a record in a relation. */
const NOT_A_TITLE: ReadonlySet<string> = new Set([
  'subform',
  'file',
  'image',
  'address',
  'multiselect',
  'relation',
])
const ACCEPT = /^(\.[A-Za-z0-9]+|[a-z]+\/([a-z0-9.+-]+|\*))$/

function checkRanges(ctx: CheckContext, field: FieldDefinition, path: string) {
  if (field.min !== undefined && field.max !== undefined) {
    const inverted =
      typeof field.min === 'number' || typeof field.max === 'number'
        ? Number(field.min) > Number(field.max)
        : field.min > field.max // dates compare as YYYY-MM-DD strings; money as decimal strings below
    const bothDecimal =
      typeof field.min === 'string' && typeof field.max === 'string' && field.type === 'money'
    if (bothDecimal ? Number(field.min) > Number(field.max) : inverted)
      ctx.report(
        childPointer(path, 'min'),
        'min_above_max',
        localized(
          `最小值 ${field.min} 大于最大值 ${field.max}`,
          `min ${field.min} is greater than max ${field.max}`,
        ),
      )
  }
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength)
    ctx.report(
      childPointer(path, 'minLength'),
      'min_length_above_max_length',
      localized(
        `minLength ${field.minLength} 大于 maxLength ${field.maxLength}`,
        `minLength ${field.minLength} is greater than maxLength ${field.maxLength}`,
      ),
    )
}

function checkPattern(ctx: CheckContext, field: FieldDefinition, path: string) {
  if (field.pattern === undefined) return
  try {
    // the `u` flag, as ajv compiles `pattern`: what passes here is what the form validator runs
    new RegExp(field.pattern, 'u')
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    ctx.report(
      childPointer(path, 'pattern'),
      'invalid_pattern',
      localized(`正则表达式无效：${reason}`, `invalid regular expression: ${reason}`),
    )
  }
}

function checkSerial(ctx: CheckContext, field: FieldDefinition, path: string) {
  if (field.type !== 'serial' || field.format === undefined) return
  const at = childPointer(path, 'format')
  const parts = [...field.format.matchAll(SERIAL_PLACEHOLDER)].map((m) => m[1] ?? '')
  if (!parts.some((p) => /^0+$/.test(p)))
    ctx.report(
      at,
      'serial_counter_missing',
      localized(
        `编号格式 ${quote(field.format)} 缺少计数占位符，如 {000000}`,
        `serial format ${quote(field.format)} has no counter placeholder such as {000000}`,
      ),
    )
  for (const part of parts)
    if (!/^0+$/.test(part) && !SERIAL_DATE_PARTS.has(part))
      ctx.report(
        at,
        'serial_placeholder_unknown',
        localized(
          `未知占位符 {${part}}；可用 {YYYY} {YY} {MM} {DD} {000…}`,
          `unknown placeholder {${part}}; use {YYYY} {YY} {MM} {DD} {000...}`,
        ),
      )
}

function checkKind(ctx: CheckContext, entry: FieldEntry) {
  const { field, path } = entry
  if (OPTION_TYPES.has(field.type) && (field.options?.length ?? 0) === 0)
    ctx.report(
      childPointer(path, 'options'),
      'options_missing',
      localized(`'${field.type}' 字段需要至少一个选项`, `a '${field.type}' field needs at least one option`),
    )
  if (field.type === 'relation' && field.target !== undefined) {
    const target = ctx.forms.get(field.target)
    if (!target)
      ctx.report(
        childPointer(path, 'target'),
        'unknown_form',
        unknownFormMessage(ctx, field.target, ['关联的表单', 'relation target form']),
      )
    else if (field.display !== undefined && !target.fields.has(field.display))
      ctx.report(
        childPointer(path, 'display'),
        'unknown_field',
        unknownFieldMessage(field.display, { fields: target.fields }, [
          `表单 '${field.target}' 中`,
          `in form '${field.target}': `,
        ]),
      )
    else if (field.display !== undefined) {
      const shown = target.fields.get(field.display)!.field.type
      if (NOT_A_TITLE.has(shown))
        ctx.report(
          childPointer(path, 'display'),
          'relation_display_invalid',
          localized(
            `'${shown}' 字段 '${field.display}' 不能作为关联记录的标题`,
            `a ${shown} field ('${field.display}') cannot be shown as the related record's title`,
          ),
        )
    }
  }
  if (field.type === 'subform' && entry.parent)
    ctx.report(
      childPointer(path, 'type'),
      'subform_nested',
      localized('子表单不能再嵌套子表单', 'a subform cannot hold another subform'),
    )
  if (field.unique && entry.parent)
    ctx.report(
      childPointer(path, 'unique'),
      'unique_in_subform',
      localized('子表单的列不能设为唯一', 'a subform column cannot be unique'),
    )
  if (field.required && field.readOnly && field.default === undefined)
    ctx.report(
      childPointer(path, 'required'),
      'required_read_only',
      localized(
        '只读且必填、又无预设值的字段永远无法提交',
        'a read-only required field without a default can never be submitted',
      ),
    )
  field.accept?.forEach((accept, i) => {
    if (!ACCEPT.test(accept))
      ctx.report(
        childPointer(path, 'accept', i),
        'invalid_accept',
        localized(
          `${quote(accept)} 不是扩展名（.pdf）或 MIME 类型（image/*）`,
          `${quote(accept)} is not an extension (.pdf) or MIME type (image/*)`,
        ),
      )
  })
  if (field.default !== undefined) checkDefault(ctx, field, childPointer(path, 'default'))
}

/**
 * A default is a literal the field can store, or an expression of ours (`{"today": []}`), which the
 * form compiler evaluates when a record is created, before any field has a value: so it may not read fields.
 */
function checkDefault(ctx: CheckContext, field: FieldDefinition, at: string) {
  const op = operationOf(field.default)
  if (op === undefined || !OPERATORS.includes(op)) {
    const problem = valueProblem(field, field.default)
    if (problem) ctx.report(at, 'invalid_default', problem)
    return
  }
  for (const ref of logicFacts(field.default as JsonLogic, at).vars)
    ctx.report(
      ref.path,
      'default_reads_field',
      localized(
        `预设值在记录创建时、任何字段有值之前计算，不能读取字段 '${ref.key}'（改用公式字段）`,
        `a default is worked out when the record is created, before any field has a value, so it cannot read field '${ref.key}' (use a formula field)`,
      ),
    )
}

/** Checks every field of a form, recursing into subform columns with the row in scope. */
export function checkFields(
  ctx: CheckContext,
  fields: FieldDefinition[],
  path: string,
  scope: FieldScope,
  parent?: FieldEntry,
) {
  fields.forEach((field, i) => {
    const entry: FieldEntry = { field, path: childPointer(path, i), ...(parent ? { parent } : {}) }
    checkRanges(ctx, field, entry.path)
    checkPattern(ctx, field, entry.path)
    checkSerial(ctx, field, entry.path)
    checkKind(ctx, entry)
    checkLogic(ctx, field.visibleWhen, childPointer(entry.path, 'visibleWhen'), scope)
    checkLogic(ctx, field.requiredWhen, childPointer(entry.path, 'requiredWhen'), scope)
    checkLogic(ctx, field.expression, childPointer(entry.path, 'expression'), scope)
    if (field.type === 'subform' && field.fields) {
      const columnsPath = childPointer(entry.path, 'fields')
      const rowScope = {
        fields: indexFields(field.fields, columnsPath, entry),
        outer: scope.fields,
        states: scope.states,
      }
      checkFields(ctx, field.fields, columnsPath, rowScope, entry)
    }
  })
}
