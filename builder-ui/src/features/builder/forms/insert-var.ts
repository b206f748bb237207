import type { JsonLogic } from '@tessera/schemas'

/** Adds a field reference to an expression: into the top operator's arguments, or as `+` with a literal. */
export function insertVar(expression: JsonLogic | undefined, key: string): JsonLogic {
  const ref = { var: key }
  if (expression === undefined || expression === null || expression === 0 || expression === '') return ref
  if (typeof expression === 'object' && !Array.isArray(expression)) {
    const entries = Object.entries(expression)
    const [op, args] = entries[0] ?? []
    if (entries.length === 1 && op && op !== 'var' && Array.isArray(args)) return { [op]: [...args, ref] }
  }
  return { '+': [expression, ref] }
}
