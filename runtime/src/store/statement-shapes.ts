import type { CompiledQuery } from 'kysely'

/** Where one value of a statement goes: the statement is built once with these, then sent with each call's values. */
class Slot {
  constructor(readonly index: number) {}
}

type Row = Record<string, unknown>

const withValues = (compiled: CompiledQuery, values: readonly unknown[]): CompiledQuery => ({
  ...compiled,
  parameters: compiled.parameters.map((p) => (p instanceof Slot ? values[p.index] : p)),
})

/**
 * The rows of a statement with their values taken out: `rows` holds a `Slot` where each value was,
 * `values` the values in slot order, and `shape` names what the rows look like (their parts, columns
 * and counts), which is all the statement's text depends on. An undefined value is left out, as
 * kysely leaves it out of an insert.
 */
export function slotted<T extends Record<string, Row[]>>(
  parts: T,
): { rows: T; values: unknown[]; shape: string } {
  const values: unknown[] = []
  const shape: string[] = []
  const rows = {} as Record<string, Row[]>
  for (const [part, list] of Object.entries(parts)) {
    shape.push(`${part}:`)
    rows[part] = list.map((row) => {
      const out: Row = {}
      for (const [column, value] of Object.entries(row)) {
        if (value === undefined) continue
        out[column] = new Slot(values.length)
        values.push(value)
        shape.push(column, ',')
      }
      shape.push(';')
      return out
    })
  }
  return { rows: rows as T, values, shape: shape.join('') }
}

/**
 * Compiled statements by shape: kysely builds and compiles a shape once (it walks and freezes the
 * whole operation tree each time, about a tenth of a request's JavaScript), and each later call of
 * the same shape sends that text with its own values. The text is the same for PGlite and pg, both
 * compile as PostgreSQL.
 */
export function createShapeCache(max = 500) {
  const compiled = new Map<string, CompiledQuery>()
  return {
    /** The compiled statement of `shape` with `values` in its slots; `build` compiles it from slotted rows the first time. */
    bind(shape: string, values: unknown[], build: () => CompiledQuery): CompiledQuery {
      let hit = compiled.get(shape)
      if (!hit) {
        hit = build()
        if (compiled.size >= max) compiled.clear()
        compiled.set(shape, hit)
      }
      return withValues(hit, values)
    },
  }
}

/**
 * A statement of one fixed shape whose values change (`lockWithInstance`'s, on every write): built
 * and compiled the first time, with a placeholder for each of its `arity` values, then sent with each
 * call's values. `build` gets the placeholders in the place of the values; the database it is given
 * only builds (the text is the same on every connection and transaction).
 */
export function prepared<D, A extends unknown[]>(
  arity: number,
  build: (db: D, ...values: A) => { compile(): CompiledQuery },
): (db: D, ...values: A) => CompiledQuery {
  let compiled: CompiledQuery | undefined
  return (db, ...values) => {
    compiled ??= build(db, ...(Array.from({ length: arity }, (_, i) => new Slot(i)) as A)).compile()
    return withValues(compiled, values)
  }
}
