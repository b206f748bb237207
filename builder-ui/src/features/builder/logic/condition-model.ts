import type { FieldDefinition, FieldType, JsonLogic } from '@tessera/schemas'

/**
 * The visual condition builder's model and its two-way mapping to JSON Logic. Only the shapes the
 * builder writes are read back; anything else returns `null` and stays in the JSON view, so an
 * expert's hand-written logic is never rewritten behind their back.
 */
export type ConditionOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'empty'
  | 'notEmpty'
  | 'isTrue'
  | 'isFalse'

export interface ConditionRule {
  kind: 'rule'
  field: string
  operator: ConditionOperator
  /** a scalar for comparisons, a list for `in` / `notIn`, unused for the unary operators. */
  value?: string | number | boolean | string[] | undefined
}

export interface ConditionGroup {
  kind: 'group'
  combinator: 'and' | 'or'
  children: ConditionNode[]
}

export type ConditionNode = ConditionRule | ConditionGroup

export const UNARY_OPERATORS: readonly ConditionOperator[] = ['empty', 'notEmpty', 'isTrue', 'isFalse']

const ORDERED: ConditionOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty']
const CHOICE: ConditionOperator[] = ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty']
const TEXT: ConditionOperator[] = ['eq', 'ne', 'contains', 'empty', 'notEmpty']

/** The operators that make sense for a field of this type. */
export function operatorsFor(type: FieldType): ConditionOperator[] {
  switch (type) {
    case 'number':
    case 'integer':
    case 'money':
    case 'percent':
    case 'rating':
    case 'date':
    case 'datetime':
    case 'formula':
      return ORDERED
    case 'select':
    case 'radio':
      return CHOICE
    case 'multiselect':
      return ['contains', 'empty', 'notEmpty']
    case 'boolean':
      return ['isTrue', 'isFalse', 'empty']
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'serial':
      return TEXT
    default:
      return ['eq', 'ne', 'empty', 'notEmpty']
  }
}

export const emptyGroup = (): ConditionGroup => ({ kind: 'group', combinator: 'and', children: [] })

const SIMPLE: Record<string, ConditionOperator> = {
  '==': 'eq',
  '!=': 'ne',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
}
const SIMPLE_BACK: Partial<Record<ConditionOperator, string>> = Object.fromEntries(
  Object.entries(SIMPLE).map(([logic, op]) => [op, logic]),
)

/** JSON Logic for the tree; `undefined` for an empty tree (no condition at all). */
export function toLogic(node: ConditionNode): JsonLogic | undefined {
  if (node.kind === 'rule') return ruleToLogic(node)
  const parts = node.children.map(toLogic).filter((part): part is JsonLogic => part !== undefined)
  if (parts.length === 0) return undefined
  if (parts.length === 1) return parts[0]
  return { [node.combinator]: parts }
}

function ruleToLogic(rule: ConditionRule): JsonLogic | undefined {
  if (!rule.field) return undefined
  const ref = { var: rule.field }
  const simple = SIMPLE_BACK[rule.operator]
  if (simple) return { [simple]: [ref, scalar(rule.value)] }
  switch (rule.operator) {
    case 'in':
      return { in: [ref, list(rule.value)] }
    case 'notIn':
      return { '!': { in: [ref, list(rule.value)] } }
    case 'contains':
      return { in: [scalar(rule.value), ref] }
    case 'empty':
      return { empty: [ref] }
    case 'notEmpty':
      return { '!': { empty: [ref] } }
    case 'isTrue':
      return { '==': [ref, true] }
    case 'isFalse':
      return { '!=': [ref, true] }
    default:
      return undefined
  }
}

const scalar = (value: ConditionRule['value']): JsonLogic =>
  value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : value
const list = (value: ConditionRule['value']): JsonLogic =>
  Array.isArray(value) ? value : value === undefined ? [] : [String(value)]

/** The tree for a piece of JSON Logic, always rooted in a group; `null` when the builder cannot show it. */
export function fromLogic(logic: JsonLogic | undefined): ConditionGroup | null {
  if (logic === undefined || logic === null) return emptyGroup()
  const node = nodeFromLogic(logic)
  if (!node) return null
  return node.kind === 'group' ? node : { kind: 'group', combinator: 'and', children: [node] }
}

function nodeFromLogic(logic: JsonLogic): ConditionNode | null {
  const entry = singleEntry(logic)
  if (!entry) return null
  const [op, args] = entry
  if ((op === 'and' || op === 'or') && Array.isArray(args)) {
    const children = args.map(nodeFromLogic)
    if (children.some((child) => child === null)) return null
    return { kind: 'group', combinator: op, children: children as ConditionNode[] }
  }
  if (op === '!') {
    const inner = singleEntry(Array.isArray(args) && args.length === 1 ? (args[0] as JsonLogic) : args)
    const rule = inner ? ruleFromEntry(inner[0], inner[1]) : null
    if (rule?.operator === 'empty') return { ...rule, operator: 'notEmpty' }
    if (rule?.operator === 'in') return { ...rule, operator: 'notIn' }
    return null
  }
  return ruleFromEntry(op, args)
}

function ruleFromEntry(op: string, args: JsonLogic): ConditionRule | null {
  if (!Array.isArray(args)) return null
  const [first, second] = args
  const field = varName(first)
  if (op in SIMPLE && args.length === 2 && field !== null && isScalar(second)) {
    if (second === true && (op === '==' || op === '!=')) {
      return { kind: 'rule', field, operator: op === '==' ? 'isTrue' : 'isFalse' }
    }
    return { kind: 'rule', field, operator: SIMPLE[op] as ConditionOperator, value: second ?? undefined }
  }
  if (op === 'in' && args.length === 2) {
    if (field !== null && Array.isArray(second) && second.every((v) => typeof v === 'string')) {
      return { kind: 'rule', field, operator: 'in', value: second as string[] }
    }
    const container = varName(second)
    if (container !== null && isScalar(first) && first !== null && typeof first !== 'boolean') {
      return { kind: 'rule', field: container, operator: 'contains', value: first }
    }
  }
  if (op === 'empty' && args.length === 1 && field !== null) return { kind: 'rule', field, operator: 'empty' }
  return null
}

function singleEntry(logic: JsonLogic): [string, JsonLogic] | null {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return null
  const entries = Object.entries(logic)
  return entries.length === 1 ? (entries[0] as [string, JsonLogic]) : null
}

function varName(logic: JsonLogic | undefined): string | null {
  const entry = logic === undefined ? null : singleEntry(logic)
  if (entry?.[0] !== 'var') return null
  const arg = Array.isArray(entry[1]) && entry[1].length === 1 ? entry[1][0] : entry[1]
  return typeof arg === 'string' && arg !== '' ? arg : null
}

const isScalar = (value: JsonLogic | undefined): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)

/** The fields a condition may test: everything but subforms and files, whose values are not scalars. */
export function conditionFields(fields: FieldDefinition[]): FieldDefinition[] {
  return fields.filter((field) => !['subform', 'file', 'image', 'address'].includes(field.type))
}
