import { randomBytes } from 'node:crypto'
import { hashPassword, passwordProblem } from '../auth/passwords.js'
import type { RemoteFlags } from './http-client.js'
import { localOrRemote } from './local-or-remote.js'

type Print = (line: string) => void

export interface UserAddFlags extends RemoteFlags {
  email: string
  name?: string
  password?: string
  admin?: boolean
  data: string
}

export interface TokenCreateFlags extends RemoteFlags {
  email: string
  name: string
  data: string
}

/** `tessera user add --email [--name] [--password] [--admin]`; a password is generated when none is given. */
export async function runUserAdd(flags: UserAddFlags, print: Print = console.log): Promise<number> {
  const password = flags.password ?? randomBytes(12).toString('base64url')
  const problem = passwordProblem(password)
  if (problem) {
    print(`error: --password ${problem.en}`)
    return 1
  }
  const name = flags.name ?? flags.email.split('@')[0] ?? flags.email
  const done = (email: string) => {
    print(`User ${email} created.`)
    if (!flags.password) print(`Password: ${password}   (shown once)`)
    return 0
  }
  return localOrRemote(flags, print, {
    async local({ store }) {
      const user = await store.users.create({
        email: flags.email,
        name,
        passwordHash: await hashPassword(password),
        isAdmin: flags.admin ?? false,
      })
      await store.audit({
        actor: null,
        action: 'user.create',
        target: user.id,
        details: { via: 'cli', admin: user.isAdmin },
      })
      return done(user.email)
    },
    async remote(client) {
      if (flags.admin)
        print('Note: --admin is not available through the API; the user is created without it.')
      const user = await client.json<{ email: string }>('POST', '/api/users', {
        email: flags.email,
        name,
        password,
      })
      return done(user.email)
    },
  })
}

/** `tessera token create --email --name`: an API token for scripts, printed once. */
export async function runTokenCreate(flags: TokenCreateFlags, print: Print = console.log): Promise<number> {
  return localOrRemote(flags, print, {
    async local({ store }) {
      const user = await store.users.byEmail(flags.email)
      if (!user) {
        print(`error: no user ${flags.email}`)
        return 1
      }
      const { token, info } = await store.tokens.create(user.id, flags.name)
      await store.audit({ actor: user.id, action: 'token.create', target: info.id, details: { via: 'cli' } })
      print(token)
      return 0
    },
    async remote(client) {
      // The API makes a token for its caller only: one asked for anyone else is refused, never
      // quietly issued as the owner of --token (who may be the admin).
      const me = await client.json<{ user: { email: string } }>('GET', '/api/me')
      if (me.user.email.toLowerCase() !== flags.email.trim().toLowerCase()) {
        print(
          `error: through --url a token is made for the owner of --token (${me.user.email}), not for ${flags.email}; use that user's own token, or run tessera token create on the data directory`,
        )
        return 1
      }
      const { token } = await client.json<{ token: string }>('POST', '/api/auth/tokens', { name: flags.name })
      print(token)
      return 0
    },
  })
}

export interface UserPasswordFlags extends RemoteFlags {
  password?: string
  data: string
}

/**
 * `tessera user password <email> [--password]`: sets a user's password, under the rule `user add`
 * keeps; without --password one is generated and printed once. Over --url it takes the admin route.
 */
export async function runUserPassword(
  email: string,
  flags: UserPasswordFlags,
  print: Print = console.log,
): Promise<number> {
  const password = flags.password ?? randomBytes(12).toString('base64url')
  const problem = passwordProblem(password)
  if (problem) {
    print(`error: --password ${problem.en}`)
    return 1
  }
  const done = (who: string) => {
    print(`Password of ${who} set.`)
    if (!flags.password) print(`Password: ${password}   (shown once)`)
    return 0
  }
  const wanted = email.trim().toLowerCase()
  return localOrRemote(flags, print, {
    async local({ store }) {
      const user = await store.users.byEmail(wanted)
      if (!user) {
        print(`error: no user ${email}`)
        return 1
      }
      await store.users.setPassword(user.id, await hashPassword(password))
      await store.audit({
        actor: null,
        action: 'user.password',
        target: user.id,
        details: { via: 'cli', email: user.email },
      })
      return done(user.email)
    },
    async remote(client) {
      const users = await client.json<{ id: string; email: string }[]>('GET', '/api/users')
      const user = users.find((u) => u.email.toLowerCase() === wanted)
      if (!user) {
        print(`error: no user ${email}`)
        return 1
      }
      await client.json('PUT', `/api/users/${encodeURIComponent(user.id)}/password`, { password })
      return done(user.email)
    },
  })
}
