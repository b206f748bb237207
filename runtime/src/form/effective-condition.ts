import { type FieldDefinition, type JsonLogic, argumentsOf, operationOf } from '@tessera/schemas'

const ITEM_SCOPED = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some'])

/**
 * Rewrites a condition so that, evaluated over a raw submission (the browser's JSON Schema check),
 * it sees what prepare() sees: a field hidden by its own visibleWhen reads as absent, and a formula
 * reads as its expression (the client's copy of a computed value is ignored on the server).
 * Without this, a field shown by a hidden field, or by a formula, would be checked differently.
 */
/**
 * A raw value read as prepare() stores it, where that changes what a condition sees: integers are
 * JSON numbers (`"0"` is falsy once stored), decimals are strings (`0` is truthy once stored as
 * `"0.00"`), email, url and phone are trimmed.
 */
function asStored(f: FieldDefinition, v: JsonLogic): JsonLogic {
  switch (f.type) {
    case 'integer':
    case 'rating':
      return { if: [{ '==': [v, 0] }, 0, v] }
    case 'number':
    case 'money':
    case 'percent':
      return { if: [{ '==': [v, null] }, null, { cat: [v] }] }
    case 'email':
    case 'url':
    case 'phone':
      return { trim: [v] }
    default:
      return v
  }
}

export function effectiveCondition(logic: JsonLogic, fields: readonly FieldDefinition[]): JsonLogic {
  const byKey = new Map(fields.map((f) => [f.key, f]))

  const rewriteVar = (node: JsonLogic, args: JsonLogic[], visiting: ReadonlySet<string>): JsonLogic => {
    const [path, fallback] = args
    const key = typeof path === 'string' ? path.split('.')[0] : undefined
    const f = key === undefined ? undefined : byKey.get(key)
    if (!f || visiting.has(f.key)) return node
    const inner = new Set(visiting).add(f.key)
    let value: JsonLogic = fallback === undefined ? node : { var: [path ?? null] }
    if (f.type === 'formula' && path === f.key) value = rewrite(f.expression ?? null, inner)
    else if (path === f.key) value = asStored(f, value)
    if (f.visibleWhen !== undefined) value = { if: [rewrite(f.visibleWhen, inner), value, null] }
    if (fallback !== undefined) value = { if: [{ '==': [value, null] }, rewrite(fallback, visiting), value] }
    return value
  }

  const rewrite = (node: JsonLogic, visiting: ReadonlySet<string>): JsonLogic => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, visiting))
    const op = operationOf(node)
    if (op === undefined) return node
    const args = argumentsOf(node, op)
    if (op === 'var') return rewriteVar(node, args, visiting)
    if (op === 'missing' || op === 'missing_some') return node
    if (ITEM_SCOPED.has(op)) {
      // only the list is read from the record; the rest runs over each item
      return {
        [op]: args.map((a, i) => (i === 0 || (op === 'reduce' && i === 2) ? rewrite(a, visiting) : a)),
      }
    }
    return { [op]: args.map((a) => rewrite(a, visiting)) }
  }

  return rewrite(logic, new Set())
}
