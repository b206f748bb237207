import {
  type EvaluateContext,
  type FieldDefinition,
  type Problem,
  conditionHolds,
  badCharacterAt,
  fieldParams,
  isEmptyValue,
  resolveFormState,
} from '@tessera/schemas'
import { type CompiledLevel, defaultValue, isComputed } from './compile-level.js'
import type { FieldProblem } from './field-outcome.js'
import {
  type Both,
  type MessageParams,
  type ProblemCode,
  cellLabelOf,
  messageFor,
  rowLabelOf,
} from './messages.js'
import { NORMALIZERS, pointerSegment } from './normalize-value.js'
import { ADDRESS_REQUIRED, MAX_ROWS } from './value-patterns.js'

export interface LevelOptions {
  /** JSON pointer of this level: `` for the form, `/items/3` for a row */
  prefix: string
  evalCtx: EvaluateContext
  /** fill `default` for keys the input does not have (create, and rows outside update) */
  applyDefaults: boolean
  /** drafts skip every required rule */
  checkRequired: boolean
  requireExtra: ReadonlySet<string>
  /** where server-computed values (serial, readOnly) come from: the stored record */
  kept?: Record<string, unknown>
  /** a subform row's messages name the row: "Items row 4: Qty must be a whole number." */
  rowLabel?: Both
}

export interface LevelResult {
  data: Record<string, unknown>
  problems: Problem[]
  hidden: ReadonlySet<string>
}

export const problemAt = (path: string, code: ProblemCode, label: Both, params?: MessageParams): Problem => ({
  path,
  code,
  message: messageFor(code, label, params),
})

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Prepares one level: normalize every value, then drop hidden fields, then compute formulas over
 * what is left (C7: hiding precedes the computations that read it), repeated until visibility is
 * stable (a formula may drive a condition), then the required rules over the final values.
 * Problems of a hidden field are dropped with its value.
 */
export function prepareLevel(
  level: CompiledLevel,
  raw: Record<string, unknown>,
  opts: LevelOptions,
): LevelResult {
  const general: Problem[] = []
  const byField = new Map<string, Problem[]>()
  const values: Record<string, unknown> = {}
  const pathOf = (key: string) => `${opts.prefix}/${pointerSegment(key)}`
  const label = (key: string): Both => {
    const own = level.labels.get(key)!
    return opts.rowLabel ? cellLabelOf(opts.rowLabel, own) : own
  }
  const fail = (f: FieldDefinition, problems: FieldProblem[]) =>
    byField.set(
      f.key,
      problems.map((p) =>
        problemAt(pathOf(f.key) + p.suffix, p.code, label(f.key), fieldParams(f, p.params)),
      ),
    )

  for (const key of Object.keys(raw)) {
    if (!level.rules.has(key)) {
      general.push(problemAt(pathOf(key), 'unknown_field', { 'zh-CN': key, en: key }, { key }))
    }
  }

  for (const f of level.fields) {
    // formulas are computed below; lookups and rollups when read, never stored
    if (f.type === 'formula' || f.type === 'lookup' || f.type === 'rollup') continue
    const has = isComputed(f)
      ? opts.kept !== undefined && Object.hasOwn(opts.kept, f.key)
      : Object.hasOwn(raw, f.key)
    let input = has ? (isComputed(f) ? opts.kept![f.key] : raw[f.key]) : undefined
    if (!has && opts.applyDefaults && f.default !== undefined && f.type !== 'serial') {
      const d = defaultValue(f, opts.evalCtx)
      if (!d.ok) {
        byField.set(f.key, [problemAt(pathOf(f.key), 'formula', label(f.key), { detail: d.detail })])
        continue
      }
      input = d.value
    }
    if (isEmptyValue(input)) continue
    const bad = f.type === 'subform' ? undefined : badCharacterAt(input)
    if (bad !== undefined) {
      fail(f, [{ suffix: bad, code: 'invalid_character' }])
      continue
    }
    if (f.type === 'serial') {
      values[f.key] = input
      continue
    }
    if (f.type === 'subform') {
      const rows = prepareRows(level.subforms.get(f.key)!, input, pathOf(f.key), opts, label(f.key))
      if (rows.problems.length > 0) byField.set(f.key, rows.problems)
      else if (rows.data.length > 0) values[f.key] = rows.data
      continue
    }
    const outcome = NORMALIZERS[f.type](input, level.rules.get(f.key)!)
    if (outcome.kind === 'value') values[f.key] = outcome.value
    else if (outcome.kind === 'invalid') fail(f, outcome.problems)
  }

  const { data, hidden, formulaErrors } = resolveFormState(level.fields, level.formulas, values, opts.evalCtx)
  const formulaProblems = new Map(
    [...formulaErrors].map(([key, detail]) => [
      key,
      problemAt(pathOf(key), 'formula', label(key), { detail }),
    ]),
  )

  if (opts.checkRequired) {
    for (const f of level.fields) {
      if (hidden.has(f.key) || byField.has(f.key) || f.type === 'formula' || f.type === 'serial') continue
      const explicit = opts.requireExtra.has(f.key)
      if (f.readOnly && !explicit) continue
      const required =
        explicit ||
        f.required === true ||
        (f.requiredWhen !== undefined && conditionHolds(f.requiredWhen, data, opts.evalCtx, false))
      if (!required) continue
      if (isEmptyValue(data[f.key])) fail(f, [{ suffix: '', code: 'required' }])
      else if (f.type === 'address') {
        const address = data[f.key] as Record<string, unknown>
        const missing = ADDRESS_REQUIRED.filter((part) => isEmptyValue(address[part]))
        if (missing.length > 0)
          fail(
            f,
            missing.map((part) => ({ suffix: `/${part}`, code: 'required' as const })),
          )
      }
    }
  }

  const problems = [...general]
  const out: Record<string, unknown> = {}
  for (const f of level.fields) {
    if (hidden.has(f.key)) continue
    problems.push(...(byField.get(f.key) ?? []))
    const fp = formulaProblems.get(f.key)
    if (fp) problems.push(fp)
    if (data[f.key] !== undefined) out[f.key] = data[f.key]
  }
  return { data: out, problems, hidden }
}

/** subform rows: each row is a small form; problems point into it (`/items/3/qty`). Blank rows are dropped. */
function prepareRows(level: CompiledLevel, input: unknown, path: string, opts: LevelOptions, label: Both) {
  const problems: Problem[] = []
  const data: Record<string, unknown>[] = []
  if (!Array.isArray(input)) {
    return { problems: [problemAt(path, 'type', label, { expected: 'rows' })], data }
  }
  if (input.length > MAX_ROWS) {
    return { problems: [problemAt(path, 'too_many', label, { limit: MAX_ROWS, actual: input.length })], data }
  }
  input.forEach((row, i) => {
    const rowPath = `${path}/${i}`
    const rowLabel = rowLabelOf(label, i)
    if (!isPlainObject(row)) {
      problems.push(problemAt(rowPath, 'type', rowLabel, { expected: 'object' }))
      return
    }
    // A blank row is the empty line a UI adds; it is not data and not an error.
    if (Object.values(row).every(isEmptyValue)) return
    const r = prepareLevel(level, row, {
      ...opts,
      prefix: rowPath,
      kept: undefined,
      requireExtra: new Set(),
      rowLabel,
    })
    problems.push(...r.problems)
    if (Object.keys(r.data).length > 0) data.push(r.data)
  })
  return { problems, data }
}

export { isPlainObject }
