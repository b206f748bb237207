import {
  createDepartmentStore,
  type Department,
  type DepartmentPatch,
  isTesseraError,
} from '@tessera/runtime'
import type { createHttpClient } from './http-client.js'
import type { LocalRuntime } from './open-local.js'

/** A user as the organisation commands name them: by email on the command line, by id underneath. */
export interface OrgUser {
  id: string
  email: string
  name: string
  active: boolean
}

/** A refusal a command prints as it is (the server's or the store's words), exit code 1. */
export class OrgCommandError extends Error {}

/**
 * What the department and user commands need, the same locally (the store) and through a running
 * server (HTTP), so each command is written once.
 */
export interface OrgClient {
  chart(): Promise<Department[]>
  create(input: {
    key: string
    name: string
    parent?: string | null
    head?: string | null
  }): Promise<Department>
  update(key: string, patch: DepartmentPatch): Promise<Department>
  remove(key: string): Promise<void>
  addMember(key: string, userId: string): Promise<Department>
  removeMember(key: string, userId: string): Promise<void>
  users(): Promise<OrgUser[]>
  setActive(userId: string, active: boolean): Promise<OrgUser>
  /** how many open items (assigned, or awaiting their decision) a person holds */
  openWorkCount(userId: string): Promise<number>
}

const SYSTEM = { userId: null, isAdmin: true, system: true, via: 'cli' }

/** A store refusal becomes its English message with the problems under it. */
async function plainly<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (e) {
    if (!isTesseraError(e)) throw e
    const problems = (e.details as { problems?: { path: string; message: { en: string } }[] } | undefined)
      ?.problems
    const lines = [e.localized.en, ...(problems ?? []).map((p) => `  ${p.path}: ${p.message.en}`)]
    // a problem that repeats the headline adds nothing
    throw new OrgCommandError(
      lines.length === 2 && problems?.[0]?.message.en === lines[0] ? lines[0] : lines.join('\n'),
    )
  }
}

/** The store directly, each change audited as the API audits it (actor: nobody, via the CLI). */
export function localOrgClient({ runtime, store, engine }: LocalRuntime): OrgClient {
  const departments = createDepartmentStore(runtime.db)
  const audit = (action: string, target: string, details: Record<string, unknown>) =>
    store.audit({ actor: null, action, target, details: { ...details, via: 'cli' } })
  return {
    chart: async () => (await departments.chart()).departments,
    create: (input) =>
      plainly(async () => {
        const created = await departments.create(input)
        await audit('department.create', created.key, { ...input })
        return created
      }),
    update: (key, patch) =>
      plainly(async () => {
        const updated = await departments.update(key, patch)
        await audit('department.update', key, { ...patch })
        return updated
      }),
    remove: (key) =>
      plainly(async () => {
        await departments.remove(key)
        await audit('department.delete', key, {})
      }),
    addMember: (key, user) =>
      plainly(async () => {
        if (!(await departments.get(key))) throw new OrgCommandError(`no department ${key}`)
        const updated = await departments.addMember(key, user)
        await audit('department.member.add', key, { user })
        return updated
      }),
    removeMember: (key, user) =>
      plainly(async () => {
        if (!(await departments.removeMember(key, user)))
          throw new OrgCommandError(`the user is not a member of ${key}`)
        await audit('department.member.remove', key, { user })
      }),
    users: async () =>
      (await store.users.list()).map(({ id, email, name, active }) => ({ id, email, name, active })),
    async setActive(id, active) {
      const user = await store.users.update(id, { active })
      if (!user) throw new OrgCommandError(`no user ${id}`)
      await audit('user.update', id, { active })
      return { id: user.id, email: user.email, name: user.name, active: user.active }
    },
    openWorkCount: async (id) => (await engine.openWork(id, SYSTEM)).length,
  }
}

/** The same through a running server's API (the token must be a platform admin's to change anything). */
export function remoteOrgClient(client: ReturnType<typeof createHttpClient>): OrgClient {
  const enc = encodeURIComponent
  const http = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      return await client.json<T>(method, path, body)
    } catch (e) {
      throw new OrgCommandError(e instanceof Error ? e.message : String(e))
    }
  }
  // a 204 has no body to read
  const noBody = async (method: string, path: string) => {
    try {
      await client.raw(method, path)
    } catch (e) {
      throw new OrgCommandError(e instanceof Error ? e.message : String(e))
    }
  }
  return {
    chart: async () => (await http<{ items: Department[] }>('GET', '/api/departments')).items,
    create: (input) => http('POST', '/api/departments', input),
    update: (key, patch) => http('PATCH', `/api/departments/${enc(key)}`, patch),
    remove: (key) => noBody('DELETE', `/api/departments/${enc(key)}`),
    addMember: (key, user) => http('PUT', `/api/departments/${enc(key)}/members/${enc(user)}`),
    removeMember: (key, user) => noBody('DELETE', `/api/departments/${enc(key)}/members/${enc(user)}`),
    users: () => http('GET', '/api/users'),
    setActive: (id, active) => http('PATCH', `/api/users/${enc(id)}`, { active }),
    openWorkCount: async (id) =>
      (await http<{ items: unknown[] }>('GET', `/api/users/${enc(id)}/open-work`)).items.length,
  }
}
