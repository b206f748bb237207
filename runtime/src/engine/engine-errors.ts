import type { Problem } from '@tessera/schemas'
import { TesseraError } from '../errors.js'

/** The engine's errors, each with both languages and the details a client acts on. */
export const errors = {
  appNotFound: (app: string) =>
    new TesseraError(
      'NOT_FOUND',
      { 'zh-CN': `应用 ${app} 不存在或尚未发布`, en: `app ${app} does not exist or is not published` },
      { app },
    ),
  formNotFound: (app: string, form: string) =>
    new TesseraError(
      'NOT_FOUND',
      { 'zh-CN': `应用 ${app} 中没有表单 ${form}`, en: `app ${app} has no form ${form}` },
      { app, form },
    ),
  recordNotFound: (id: string) =>
    new TesseraError(
      'NOT_FOUND',
      { 'zh-CN': `记录 ${id} 不存在`, en: `record ${id} does not exist` },
      { recordId: id },
    ),
  transitionNotFound: (key: string) =>
    new TesseraError(
      'NOT_FOUND',
      { 'zh-CN': `流程中没有操作 ${key}`, en: `the workflow has no transition ${key}` },
      { transition: key },
    ),
  notOpen: (key: string, state: string | null) =>
    new TesseraError(
      'TRANSITION_NOT_OPEN',
      {
        'zh-CN': `操作 ${key} 在当前状态 ${state ?? '（无）'} 下不可用`,
        en: `transition ${key} is not open in state ${state ?? '(none)'}`,
      },
      { transition: key, state },
    ),
  conflict: (expected: number, current: number) =>
    new TesseraError(
      'VERSION_CONFLICT',
      {
        'zh-CN': `记录已被修改：你看到的是第 ${expected} 版，当前是第 ${current} 版`,
        en: `the record changed: you saw version ${expected}, it is now version ${current}`,
      },
      { expectedVersion: expected, currentVersion: current },
    ),
  forbidden: (en: string, zh: string, details: Record<string, unknown> = {}) =>
    new TesseraError('FORBIDDEN', { 'zh-CN': zh, en }, details),
  invalid: (problems: Problem[], en = 'the record data is invalid', zh = '记录数据无效') =>
    new TesseraError(
      'INVALID',
      {
        'zh-CN': `${zh}：${problems.map((p) => p.path).join(', ')}`,
        en: `${en}: ${problems.map((p) => p.path).join(', ')}`,
      },
      { problems },
    ),
  guardFailed: (key: string, label: unknown, why?: unknown) => {
    const zhLabel = labelText(label, key, 'zh-CN')
    const enLabel = labelText(label, key, 'en')
    // The definition's own words say what the rule wants; without them, name the transition.
    const zh = why ? labelText(why, '', 'zh-CN') : `操作「${zhLabel}」的条件不满足`
    const en = why ? labelText(why, '', 'en') : `the condition of ${enLabel} is not met`
    return new TesseraError(
      'GUARD_FAILED',
      { 'zh-CN': `无法执行「${zhLabel}」：${zh}`, en: `${enLabel} is not possible: ${en}` },
      {
        transition: key,
        problems: [{ path: '/', code: 'guard', message: { 'zh-CN': zh, en } }],
      },
    )
  },
  unique: (field: string, label: string) =>
    new TesseraError(
      'UNIQUE_VIOLATION',
      { 'zh-CN': `${label} 的值已被另一条记录使用`, en: `another record already has this ${label}` },
      {
        field,
        problems: [
          {
            path: `/${field}`,
            code: 'unique',
            message: { 'zh-CN': `${label} 已存在`, en: `${label} is already taken` },
          },
        ],
      },
    ),
  snapshotMissing: (state: string, workflow: string, from: number, to: number) =>
    new TesseraError(
      'SNAPSHOT_STATE_MISSING',
      {
        'zh-CN': `流程 ${workflow} 第 ${to} 版没有状态 ${state}（实例来自第 ${from} 版），需要迁移映射`,
        en: `workflow ${workflow} v${to} has no state ${state} (the instance comes from v${from}); it needs a migration map`,
      },
      { state, workflow, fromVersion: from, toVersion: to },
    ),
  needsMigration: (state: string, workflow: string, version: number) =>
    new TesseraError(
      'SNAPSHOT_STATE_MISSING',
      {
        'zh-CN': `记录的流程实例（${workflow} 第 ${version} 版，状态 ${state}）等待迁移`,
        en: `the record's workflow instance (${workflow} v${version}, state ${state}) needs migration`,
      },
      { state, workflow, fromVersion: version },
    ),
  definitionInvalid: (problems: Problem[]) =>
    new TesseraError(
      'DEFINITION_INVALID',
      {
        'zh-CN': `定义有 ${problems.length} 个问题，未发布`,
        en: `the definition has ${problems.length} problem(s); not published`,
      },
      { problems },
    ),
  alreadyDecided: () =>
    new TesseraError('ALREADY_DONE', {
      'zh-CN': '你已经对此记录做出决定',
      en: 'you have already decided on this record',
    }),
  unavailable: (cause: unknown) =>
    new TesseraError(
      'UNAVAILABLE',
      {
        'zh-CN': '数据库暂时无法访问，请稍后重试',
        en: 'the database is not reachable right now; try again shortly',
      },
      { cause: cause instanceof Error ? cause.message : String(cause) },
    ),
  badRequest: (en: string, zh: string, details: Record<string, unknown> = {}) =>
    new TesseraError('BAD_REQUEST', { 'zh-CN': zh, en }, details),
  actionFailed: (transition: string, index: number, reason: string) =>
    new TesseraError(
      'INVALID',
      {
        'zh-CN': `操作 ${transition} 的第 ${index + 1} 个动作失败：${reason}`,
        en: `action ${index + 1} of transition ${transition} failed: ${reason}`,
      },
      { transition, action: index, reason },
    ),
}

export const problem = (path: string, code: string, en: string, zh: string): Problem => ({
  path,
  code,
  message: { 'zh-CN': zh, en },
})

/** A label in English for messages (definitions may hold a string or a locale map). */
export const labelText = (label: unknown, fallback: string, lang: 'en' | 'zh-CN' = 'en'): string => {
  if (typeof label === 'string') return label
  if (label && typeof label === 'object') {
    const l = label as Record<string, string>
    return l[lang] ?? l.en ?? l['zh-CN'] ?? fallback
  }
  return fallback
}
