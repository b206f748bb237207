import type { FieldDefinition, FormDefinition, LocalizedMessage } from '@tessera/schemas'
import type { ImportBatchResult, SubmitOptions } from '@tessera/runtime'
import { compileForm, analyzeImported, TesseraError } from '@tessera/runtime'
import { type Coerced, coerceCell } from './coerce-cell.js'
import { importError } from './import-error.js'
import type { ImportIssue, ImportSummary, RunImportOptions } from './import-types.js'
import { existingByKey, rowChanges } from './existing-records.js'
import { createDuplicateCheck } from './existing-duplicates.js'
import { buildLookups, lookupBy } from './import-lookups.js'
import { rawText, resolveStep, stateOf, toColumnMappings, usedBySteps } from './import-step.js'
import { type LookupTable, recordLookup } from './lookups.js'
import { problemsOf, submitRows } from './submit-rows.js'
import { mapHeaders } from './map-headers.js'
import { normalizeHeader, normalizeText } from './normalize-text.js'
import { readRows } from './read-rows.js'

/** After writing more rows than this, the import runs ANALYZE on the tables it wrote. */
export const ANALYZE_AFTER_ROWS = 1000

interface PendingRow {
  row: number
  data: Record<string, unknown>
  options: SubmitOptions
  /** the read-ahead found a record with this external key */
  existed?: boolean
  /** self-references (an account's parent later in the same file), retried after the pass */
  deferred: { field: string; column: string; value: string; by: string }[]
}

/**
 * Imports one CSV/XLSX file into one form, streaming: rows are read, mapped, coerced and sent to the
 * engine in batches (one transaction per batch when the engine offers `importBatch`), each row
 * through the engine's rules. A broken row is reported with its row number, column and value and
 * the rest are imported; a second run with the same external keys creates nothing new.
 */
export async function runImport(options: RunImportOptions): Promise<ImportSummary> {
  const { app, actor } = options
  const form = app.forms.find((f) => f.key === options.form)
  if (!form)
    throw importError('MAPPING', {
      'zh-CN': `应用中没有表单 ${options.form}`,
      en: `the app has no form ${options.form}`,
    })
  const step = resolveStep(options.profile, options.step, form.key)
  const profileEmpties =
    options.profile && 'steps' in options.profile ? (options.profile.emptyValues ?? []) : []
  const empties = new Set([...profileEmpties, ...(step?.emptyValues ?? [])].map(normalizeText))
  const explicit = step?.columns ?? toColumnMappings(options.mapping)
  const encoding = step?.encoding ?? options.source.encoding
  const source = await readRows(encoding ? { ...options.source, encoding } : options.source)
  const mapping = mapHeaders(source.headers, form, explicit)
  const fields = new Map(form.fields.map((f) => [f.key, f]))
  for (const m of mapping.columns.flat())
    if (!fields.has(m.field))
      throw importError('MAPPING', {
        'zh-CN': `列 ${m.column} 映射到不存在的字段 ${m.field}`,
        en: `column ${m.column} maps to ${m.field}, which the form lacks`,
      })
  const columnOf = new Map<string, string>()
  for (const m of mapping.columns.flat()) if (!columnOf.has(m.field)) columnOf.set(m.field, m.column)
  const indexOf = (column: string | undefined) =>
    column === undefined
      ? -1
      : source.headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(column))
  const keyIndex = indexOf(step?.externalKey)
  if (step?.externalKey && keyIndex < 0)
    throw importError('MAPPING', {
      'zh-CN': `文件缺少外部编号列 ${step.externalKey}`,
      en: `the file lacks the external key column ${step.externalKey}`,
    })

  // what is already there, by the field keeping the external key: unchanged rows are not written again
  const existing =
    step?.keyField && keyIndex >= 0
      ? await existingByKey(options.engine, app.key, form.key, step.keyField, actor)
      : null
  const lookups = await buildLookups(options, mapping.columns.flat(), fields)
  const dedupeFields = [
    ...(app.duplicates ?? []).filter((d) => d.form === form.key).map((d) => d.field),
    ...form.fields.filter((f) => f.unique).map((f) => f.key),
  ]
  const seen = new Map(dedupeFields.map((f) => [f, new Map<string, number>()]))

  const summary: ImportSummary = {
    read: 0,
    imported: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    unchanged: 0,
    errors: [],
    encoding: source.encoding,
    delimiter: source.delimiter?.char ?? null,
    unmappedColumns: mapping.unmapped.filter((h) => !usedBySteps(step, h)),
    dryRun: options.dryRun === true,
  }
  const issue = (
    row: number,
    column: string,
    value: string,
    code: string,
    message: LocalizedMessage,
    severity: ImportIssue['severity'] = 'error',
  ) => summary.errors.push({ row, column, value, code, reason: message.en, message, severity })
  const batchSize = options.batchSize ?? 250
  let batch: PendingRow[] = []
  const deferred: PendingRow[] = []

  // a dry run checks each row against the form's rules (not the workflow or uniqueness) and writes nothing
  const compiled = options.dryRun ? compileForm(form) : null
  const checkOnly = (r: PendingRow): ImportBatchResult | null => {
    const prepared = compiled?.prepare(r.data, { mode: 'create', writable: () => true, now: new Date() })
    if (!prepared || prepared.ok) return null
    return {
      ok: false,
      error: new TesseraError(
        'INVALID',
        { 'zh-CN': '数据不符合表单规则', en: 'the row breaks the form rules' },
        { problems: prepared.errors },
      ),
    }
  }

  // Rows entering a state with an assignee rule go one by one, so round robin follows the file's order
  // (C10); the rest run side by side on PostgreSQL. PGlite is one session: nothing to gain there.
  const parallel = options.concurrency ?? (options.store.kind === 'pg' ? 4 : 1)
  const wf = app.workflows?.find((w) => w.form === form.key)
  const assigns = (state: string | undefined) =>
    wf?.states.find((s) => s.key === (state ?? wf.initial))?.assignee !== undefined
  const concurrencyFor = (rows: PendingRow[]) =>
    rows.some((r) => assigns(r.options.importState)) ? 1 : parallel

  // The app's duplicate rule against stored records: a dry run says which rows would be flagged, and
  // `skipDuplicates` leaves them out instead of creating flagged copies (a second import of a file
  // without an external key then changes nothing).
  const duplicates = createDuplicateCheck({ ...options, app, form })
  const flagged: { pending: PendingRow; of: string }[] = []
  const duplicateIssue = (pending: PendingRow, message: LocalizedMessage) => {
    const field = duplicates.field ?? ''
    const value = pending.data[field]
    issue(
      pending.row,
      columnOf.get(field) ?? field,
      typeof value === 'string' ? value : '',
      'duplicate',
      message,
      'warning',
    )
  }
  const withoutHeldDuplicates = async (rows: PendingRow[]): Promise<PendingRow[]> => {
    if (!duplicates.field || (!options.skipDuplicates && !options.dryRun)) return rows
    const field = duplicates.field
    const fresh = rows.filter((r) => !r.existed)
    const held = await duplicates.holders(fresh.map((r) => r.data[field]))
    return rows.filter((r) => {
      const holder = !r.existed ? held.get(duplicates.normalize(r.data[field]) ?? '') : undefined
      if (!holder) return true
      if (options.skipDuplicates) {
        summary.skipped++
        duplicateIssue(r, {
          'zh-CN': `已有记录「${holder.title}」使用此值，已跳过`,
          en: `skipped: the existing record "${holder.title}" has this value`,
        })
        return false
      }
      duplicateIssue(r, {
        'zh-CN': `将被创建并标记为与已有记录「${holder.title}」重复`,
        en: `would be created and flagged as a duplicate of the existing record "${holder.title}"`,
      })
      return true
    })
  }

  const flush = async () => {
    if (batch.length === 0) return
    const rows = await withoutHeldDuplicates(batch)
    batch = []
    const results = options.dryRun
      ? rows.map(checkOnly)
      : await submitRows(options, form.key, rows, concurrencyFor(rows))
    rows.forEach((pending, i) => {
      const result = results[i]
      if (result === null || result === undefined) {
        summary.imported++
        return
      }
      if (!result.ok) {
        summary.failed++
        for (const p of problemsOf(result.error)) {
          const column = columnOf.get(p.field) ?? ''
          issue(pending.row, column, displayValue(pending.data[p.field]), p.code, p.message)
        }
        return
      }
      // the engine's own word first; else what the read-ahead found
      const outcome =
        result.record.importOutcome ?? (existing ? (pending.existed ? 'updated' : 'created') : result.outcome)
      if (outcome === 'created') summary.imported++
      else if (outcome === 'updated') summary.updated++
      else {
        summary.unchanged++
        summary.skipped++
      }
      if (result.record.duplicateOf) flagged.push({ pending, of: result.record.duplicateOf })
      if (pending.deferred.length) deferred.push(pending)
    })
    // flagged rows name the record they repeat, as the importer may see it
    const names = flagged.length ? await duplicates.titles(flagged.map((f) => f.of)) : new Map()
    for (const { pending, of } of flagged.splice(0)) {
      const title = names.get(of) ?? of
      duplicateIssue(pending, {
        'zh-CN': `与已有记录「${title}」重复，已创建并标记为重复`,
        en: `created and flagged as a duplicate of the existing record "${title}"`,
      })
    }
    options.onProgress?.({
      read: summary.read,
      imported: summary.imported,
      updated: summary.updated,
      skipped: summary.skipped,
      failed: summary.failed,
    })
  }

  for await (const { row, cells } of source.rows) {
    summary.read++
    const pending: PendingRow = { row, data: {}, options: {}, deferred: [] }
    let broken = false
    mapping.columns.forEach((maps, i) => {
      for (const m of maps) {
        const field = fields.get(m.field) as FieldDefinition
        const cell = cells[i] ?? null
        const coerced: Coerced = coerceCell(cell, field, m, empties)
        if (coerced.kind === 'empty') continue
        if (coerced.kind === 'error') {
          issue(row, m.column, rawText(cell), coerced.code, coerced.message)
          broken = true
          continue
        }
        if (field.type === 'relation' || field.type === 'user') {
          const table = lookups.get(m.field)
          const id = table?.get(normalizeText(String(coerced.value)))
          if (id) pending.data[m.field] = field.multiple ? [id] : id
          else if (
            field.type === 'relation' &&
            (m.lookup?.form ?? field.target) === form.key &&
            keyIndex >= 0
          )
            pending.deferred.push({
              field: m.field,
              column: m.column,
              value: String(coerced.value),
              by: lookupBy(m, field, form),
            })
          else
            issue(
              row,
              m.column,
              rawText(cell),
              'unmatched',
              unmatched(String(coerced.value), field),
              'warning',
            )
          continue
        }
        pending.data[m.field] = coerced.value
      }
    })
    if (keyIndex >= 0) {
      const key = rawText(cells[keyIndex] ?? null).trim()
      if (key === '') {
        issue(row, step?.externalKey ?? '', '', 'required', {
          'zh-CN': '外部编号为空',
          en: 'the external key is empty',
        })
        broken = true
      } else pending.options.externalKey = key
    }
    const state = stateOf(step, source.headers, cells)
    if (state) pending.options.importState = state
    if (step?.fill) pending.options.fill = true
    if (!broken) {
      for (const [field, values] of seen) {
        const v = pending.data[field]
        if (typeof v !== 'string' || v.trim() === '') continue
        const first = values.get(normalizeText(v))
        if (first !== undefined) {
          issue(row, columnOf.get(field) ?? field, v, 'duplicate', {
            'zh-CN': `与第 ${first} 行重复`,
            en: `duplicate of row ${first}`,
          })
          broken = true
        } else values.set(normalizeText(v), row)
      }
    }
    if (broken) {
      // a within-file duplicate is skipped (its first row stands); any other problem fails the row
      const dup = summary.errors.at(-1)?.code === 'duplicate' && summary.errors.at(-1)?.row === row
      if (dup) summary.skipped++
      else summary.failed++
      continue
    }
    const before =
      pending.options.externalKey !== undefined ? existing?.get(pending.options.externalKey) : undefined
    if (before && !rowChanges(before, pending.data, pending.options.importState, fields)) {
      summary.unchanged++
      summary.skipped++
      continue
    }
    pending.existed = before !== undefined
    batch.push(pending)
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  if (deferred.length) await linkDeferred(options, form, deferred, lookups, issue, fields)
  if (!options.dryRun && summary.imported + summary.updated > ANALYZE_AFTER_ROWS)
    await analyzeImported(options.store.db)
  summary.errors.sort((a, b) => a.row - b.row)
  return summary
}

/** Self-references resolved once the whole file is in: an account whose parent came later. */
async function linkDeferred(
  options: RunImportOptions,
  form: FormDefinition,
  rows: PendingRow[],
  lookups: Map<string, LookupTable>,
  issue: (
    row: number,
    column: string,
    value: string,
    code: string,
    message: LocalizedMessage,
    severity?: ImportIssue['severity'],
  ) => void,
  fields: Map<string, FieldDefinition>,
) {
  const fresh = new Map<string, LookupTable>()
  for (const pending of rows) {
    const links: Record<string, unknown> = {}
    for (const d of pending.deferred) {
      const field = fields.get(d.field) as FieldDefinition
      let table = fresh.get(d.field)
      if (!table) {
        table = await recordLookup(options.engine, options.app.key, form.key, d.by, options.actor)
        fresh.set(d.field, table)
        lookups.set(d.field, table)
      }
      const id = table.get(normalizeText(d.value))
      if (id) links[d.field] = field.multiple ? [id] : id
      else issue(pending.row, d.column, d.value, 'unmatched', unmatched(d.value, field), 'warning')
    }
    if (Object.keys(links).length && !options.dryRun)
      await options.engine.submit(
        options.app.key,
        form.key,
        { ...pending.data, ...links },
        options.actor,
        pending.options,
      )
  }
}

const unmatched = (value: string, field: FieldDefinition): LocalizedMessage =>
  field.type === 'user'
    ? {
        'zh-CN': `没有名为“${value}”的成员，字段 ${field.key} 留空`,
        en: `no member is named "${value}"; ${field.key} left empty`,
      }
    : {
        'zh-CN': `在 ${field.target} 中找不到“${value}”，字段 ${field.key} 未关联`,
        en: `no ${field.target} matches "${value}"; ${field.key} left unlinked`,
      }

const displayValue = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v)
