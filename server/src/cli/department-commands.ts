import type { Department } from '@tessera/runtime'
import type { RemoteFlags } from './http-client.js'
import { localOrRemote } from './local-or-remote.js'
import {
  localOrgClient,
  type OrgClient,
  OrgCommandError,
  type OrgUser,
  remoteOrgClient,
} from './org-client.js'

type Print = (line: string) => void

export interface OrgFlags extends RemoteFlags {
  data: string
}

export type DepartmentAction =
  | { kind: 'list' }
  | { kind: 'add'; key: string; name: string; parent?: string; head?: string }
  | { kind: 'rename'; key: string; name: string }
  | { kind: 'move'; key: string; parent: string | null }
  | { kind: 'remove'; key: string }
  | { kind: 'set-head'; key: string; head: string | null }
  | { kind: 'add-member' | 'remove-member'; key: string; email: string }

/**
 * Runs against the store, or through the server given by --url/--token. A refusal prints its reason
 * and answers 1; a locked directory without --url answers 2.
 */
export async function withOrgClient(
  flags: OrgFlags,
  print: Print,
  fn: (client: OrgClient) => Promise<number>,
): Promise<number> {
  const guarded = async (client: OrgClient) => {
    try {
      return await fn(client)
    } catch (e) {
      if (!(e instanceof OrgCommandError)) throw e
      print(`error: ${e.message}`)
      return 1
    }
  }
  return localOrRemote(flags, print, {
    local: (local) => guarded(localOrgClient(local)),
    remote: (client) => guarded(remoteOrgClient(client)),
  })
}

/** The user with this email (case-insensitive), or a refusal naming it. */
export async function userByEmail(client: OrgClient, email: string): Promise<OrgUser> {
  const wanted = email.trim().toLowerCase()
  const user = (await client.users()).find((u) => u.email.toLowerCase() === wanted)
  if (!user) throw new OrgCommandError(`no user ${email}`)
  return user
}

/** The tree as indented lines: `key  name  head: email  members: a, b`. */
export function treeLines(departments: Department[], users: OrgUser[]): string[] {
  const email = (id: string) => users.find((u) => u.id === id)?.email ?? id
  const known = new Set(departments.map((d) => d.key))
  const children = (parent: string | null) =>
    departments.filter((d) => (parent === null ? !d.parent || !known.has(d.parent) : d.parent === parent))
  const out: string[] = []
  const seen = new Set<string>()
  const walk = (d: Department, depth: number) => {
    if (seen.has(d.key)) return
    seen.add(d.key)
    const parts = [`${'  '.repeat(depth)}${d.key}`, d.name]
    if (d.head) parts.push(`head: ${email(d.head)}`)
    if (d.members.length > 0) parts.push(`members: ${d.members.map(email).join(', ')}`)
    out.push(parts.join('  '))
    for (const c of children(d.key)) walk(c, depth + 1)
  }
  for (const root of children(null)) walk(root, 0)
  return out
}

/** `tessera department <action>`: the platform's department tree, changed as the admin API changes it. */
export async function runDepartmentCommand(
  action: DepartmentAction,
  flags: OrgFlags,
  print: Print = console.log,
): Promise<number> {
  return withOrgClient(flags, print, async (client) => {
    switch (action.kind) {
      case 'list': {
        const [departments, users] = await Promise.all([client.chart(), client.users()])
        if (departments.length === 0) print('No departments yet: tessera department add <key> --name <name>')
        for (const line of treeLines(departments, users)) print(line)
        return 0
      }
      case 'add': {
        const head = action.head ? (await userByEmail(client, action.head)).id : undefined
        const created = await client.create({
          key: action.key,
          name: action.name,
          ...(action.parent ? { parent: action.parent } : {}),
          ...(head ? { head } : {}),
        })
        print(`Department ${created.key} created${created.parent ? ` under ${created.parent}` : ''}.`)
        return 0
      }
      case 'rename':
        await client.update(action.key, { name: action.name })
        print(`Department ${action.key} renamed to ${action.name}.`)
        return 0
      case 'move':
        await client.update(action.key, { parent: action.parent })
        print(`Department ${action.key} moved ${action.parent ? `under ${action.parent}` : 'to the root'}.`)
        return 0
      case 'remove':
        await client.remove(action.key)
        print(`Department ${action.key} removed.`)
        return 0
      case 'set-head': {
        const head = action.head === null ? null : (await userByEmail(client, action.head)).id
        await client.update(action.key, { head })
        print(head ? `${action.head} now heads ${action.key}.` : `${action.key} has no head now.`)
        return 0
      }
      case 'add-member':
      case 'remove-member': {
        const user = await userByEmail(client, action.email)
        if (action.kind === 'add-member') {
          await client.addMember(action.key, user.id)
          print(`${user.email} is a member of ${action.key}.`)
        } else {
          await client.removeMember(action.key, user.id)
          print(`${user.email} is no longer a member of ${action.key}.`)
        }
        return 0
      }
    }
  })
}

/** `tessera user deactivate|reactivate <email>`: a deactivated user cannot sign in and leaves every rotation. */
export async function runUserActive(
  email: string,
  active: boolean,
  flags: OrgFlags,
  print: Print = console.log,
): Promise<number> {
  return withOrgClient(flags, print, async (client) => {
    const user = await userByEmail(client, email)
    if (user.active === active) {
      print(`${user.email} is already ${active ? 'active' : 'deactivated'}.`)
      return 0
    }
    await client.setActive(user.id, active)
    if (active) {
      print(`${user.email} reactivated: they can sign in and take work again.`)
      return 0
    }
    const open = await client.openWorkCount(user.id)
    print(
      `${user.email} deactivated: signed out, left out of every rotation.${
        open > 0
          ? ` They hold ${open} open item${open === 1 ? '' : 's'}: their manager finds them in the inbox to reassign.`
          : ''
      }`,
    )
    return 0
  })
}
