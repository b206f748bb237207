import type { JsonLogic } from '../app-definition.js'
import { childPointer } from '../problems.js'

/** A `{"var": "name"}` over the record (not over an array item inside map/filter/...). */
export interface VarRef {
  /** the first path segment: the field key (`lines` of `lines.0.qty`) */
  key: string
  name: string
  path: string
}

export type Literal = null | boolean | number | string

/** A comparison of a record field with a literal, e.g. `{">=": [{"var": "score"}, "high"]}`. */
export interface Comparison {
  op: string
  ref: VarRef
  literal: Literal
  literalPath: string
}

export interface LogicFacts {
  vars: VarRef[]
  comparisons: Comparison[]
  /** `in` with a list literal: `{"in": [{"var": "source"}, ["web", "event"]]}` (each item vs the field) */
  memberships: Comparison[]
  /** literal durations given to `add_duration` */
  durations: { value: string; path: string }[]
  /** `{"sum": [{"var": "lines"}, "price"]}`: a column summed over a subform */
  columns: { ref: VarRef; column: string; path: string }[]
}

const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>='])
/** Operators whose second argument is evaluated per array item, where `var` names the item's members. */
const ITERATORS = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce'])

const isLiteral = (node: JsonLogic): node is Literal => node === null || typeof node !== 'object'

function varName(node: JsonLogic): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined
  if (!('var' in node)) return undefined
  const arg = node.var
  if (typeof arg === 'string') return arg
  if (Array.isArray(arg) && typeof arg[0] === 'string') return arg[0]
  return undefined
}

const toRef = (name: string, path: string): VarRef => ({ key: name.split('.')[0] ?? name, name, path })

/** Walks a JSON Logic expression once and collects what the semantic checks need. */
export function logicFacts(logic: JsonLogic, path: string): LogicFacts {
  const facts: LogicFacts = { vars: [], comparisons: [], memberships: [], durations: [], columns: [] }
  walk(logic, path, true, facts)
  return facts
}

function walk(node: JsonLogic, path: string, recordScope: boolean, facts: LogicFacts): void {
  if (node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      walk(item, childPointer(path, i), recordScope, facts)
    })
    return
  }
  const op = Object.keys(node)[0]
  if (op === undefined) return
  const arg = node[op] as JsonLogic
  const at = childPointer(path, op)
  const args = Array.isArray(arg) ? arg : [arg]
  const argPath = (i: number) => (Array.isArray(arg) ? childPointer(at, i) : at)

  if (op === 'var') {
    const name = varName(node)
    if (recordScope && name !== undefined && name !== '')
      facts.vars.push(toRef(name, Array.isArray(arg) ? childPointer(at, 0) : at))
    if (Array.isArray(arg) && arg.length > 1)
      walk(arg[1] as JsonLogic, childPointer(at, 1), recordScope, facts)
    return
  }
  if ((op === 'missing' || op === 'missing_some') && recordScope) {
    const namesAt = op === 'missing_some' ? 1 : -1
    const names = namesAt === 1 ? args[1] : arg
    const base = namesAt === 1 ? childPointer(at, 1) : at
    const list = Array.isArray(names) ? names : [names]
    list.forEach((name, i) => {
      const p = Array.isArray(names) ? childPointer(base, i) : base
      if (typeof name === 'string' && name !== '') facts.vars.push(toRef(name, p))
      else if (name !== undefined) walk(name as JsonLogic, p, recordScope, facts)
    })
    return
  }
  if (ITERATORS.has(op) && Array.isArray(arg)) {
    arg.forEach((item, i) => {
      walk(item, childPointer(at, i), i === 1 ? false : recordScope, facts)
    })
    return
  }
  if (recordScope && COMPARISONS.has(op)) {
    for (let i = 0; i < args.length; i++) {
      const name = varName(args[i] as JsonLogic)
      if (name === undefined || name === '') continue
      for (const j of [i - 1, i + 1]) {
        const other = args[j]
        if (other !== undefined && isLiteral(other))
          facts.comparisons.push({
            op,
            ref: toRef(name, argPath(i)),
            literal: other,
            literalPath: argPath(j),
          })
      }
    }
  }
  if (recordScope && op === 'in' && args.length === 2) {
    const [needle, haystack] = args as [JsonLogic, JsonLogic]
    const needleVar = varName(needle)
    const haystackVar = varName(haystack)
    if (needleVar && Array.isArray(haystack))
      haystack.forEach((item, i) => {
        if (isLiteral(item))
          facts.memberships.push({
            op,
            ref: toRef(needleVar, argPath(0)),
            literal: item,
            literalPath: childPointer(argPath(1), i),
          })
      })
    if (haystackVar && isLiteral(needle))
      facts.memberships.push({
        op: 'contains',
        ref: toRef(haystackVar, argPath(1)),
        literal: needle,
        literalPath: argPath(0),
      })
  }
  if (op === 'add_duration' && typeof args[1] === 'string')
    facts.durations.push({ value: args[1], path: argPath(1) })
  if (recordScope && op === 'sum' && typeof args[1] === 'string') {
    const name = varName(args[0] as JsonLogic)
    if (name) facts.columns.push({ ref: toRef(name, argPath(0)), column: args[1], path: argPath(1) })
  }
  walk(arg, at, recordScope, facts)
}
