import type { ImportStep, LocalizedMessage } from '@tessera/schemas'
import { createIdentityStore, type Store, type User } from '@tessera/runtime'
import { importError } from './import-error.js'
import type { ImportSummary } from './import-types.js'
import { normalizeHeader } from './normalize-text.js'
import { type ImportSource, readRows } from './read-rows.js'

/**
 * A `$members` step: each row is a person who becomes a user (found by email, else created without
 * a password: they sign in once an admin sets one) and a member of the app with the step's roles
 * and attributes. A row's manager becomes a member too, and the row's `manager` attribute holds the
 * manager's user id, which is what "my team" row scopes compare. Re-running changes nothing.
 */
export async function importMembers(
  store: Store,
  app: string,
  step: ImportStep,
  source: ImportSource,
): Promise<ImportSummary & { users: Map<string, User> }> {
  const spec = step.members
  if (!spec)
    throw importError('PROFILE', {
      'zh-CN': `步骤 ${step.key} 缺少 members 配置`,
      en: `the step ${step.key} lacks its members mapping`,
    })
  const identity = createIdentityStore(store.db)
  const rows = await readRows(source)
  const col = (name: string) => {
    const i = rows.headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(name))
    if (i < 0)
      throw importError('MAPPING', { 'zh-CN': `文件缺少列 ${name}`, en: `the file lacks the column ${name}` })
    return i
  }
  const nameAt = col(spec.name)
  const emailAt = spec.email ? col(spec.email) : -1
  const attributeAt = Object.entries(spec.attributes ?? {}).map(
    ([attr, column]) => [attr, col(column)] as const,
  )
  const managerAt = spec.manager ? col(spec.manager.column) : -1
  const summary: ImportSummary & { users: Map<string, User> } = {
    read: 0,
    imported: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    unchanged: 0,
    errors: [],
    encoding: rows.encoding,
    delimiter: rows.delimiter?.char ?? null,
    unmappedColumns: [],
    dryRun: false,
    users: new Map(),
  }
  const issue = (row: number, column: string, value: string, code: string, message: LocalizedMessage) =>
    summary.errors.push({ row, column, value, code, reason: message.en, message, severity: 'error' })
  const emailFor = (name: string) =>
    `${name
      .normalize('NFKD')
      .replace(/[^\w\s.-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '.')}@${spec.emailDomain ?? 'example.com'}`

  const ensure = async (
    name: string,
    email: string,
    roles: string[],
    attributes: Record<string, unknown>,
  ) => {
    const existing = await identity.findUserByEmail(email)
    const user = existing ?? (await identity.createUser({ email, name }))
    const before = await identity.getMembership(app, user.id)
    const mergedRoles = [...new Set([...(before?.roles ?? []), ...roles])]
    const mergedAttributes = { ...(before?.attributes ?? {}), ...attributes }
    const same =
      before &&
      sameSet(before.roles, mergedRoles) &&
      JSON.stringify(sortKeys(before.attributes)) === JSON.stringify(sortKeys(mergedAttributes))
    if (!same)
      await identity.setMembership(app, user.id, { roles: mergedRoles, attributes: mergedAttributes })
    summary.users.set(name, user)
    return { user, outcome: !existing ? 'created' : same ? 'unchanged' : 'updated' }
  }

  for await (const { row, cells } of rows.rows) {
    summary.read++
    const text = (i: number) => (i < 0 ? '' : String(cells[i] ?? '').trim())
    const name = text(nameAt)
    if (!name) {
      summary.failed++
      issue(row, spec.name, '', 'required', { 'zh-CN': '姓名为空', en: 'the name is empty' })
      continue
    }
    const attributes: Record<string, unknown> = {}
    for (const [attr, i] of attributeAt) if (text(i)) attributes[attr] = text(i)
    if (spec.manager && text(managerAt)) {
      const managerName = text(managerAt)
      const managerAttributes: Record<string, unknown> = {}
      for (const a of spec.manager.attributes ?? [])
        if (attributes[a] !== undefined) managerAttributes[a] = attributes[a]
      const manager = await ensure(managerName, emailFor(managerName), spec.manager.roles, managerAttributes)
      attributes.manager = manager.user.id
    }
    const email = emailAt >= 0 && text(emailAt) ? text(emailAt) : emailFor(name)
    const { outcome } = await ensure(name, email, spec.roles, attributes)
    if (outcome === 'created') summary.imported++
    else if (outcome === 'updated') summary.updated++
    else {
      summary.unchanged++
      summary.skipped++
    }
  }
  return summary
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))
const sortKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
