import { randomBytes } from 'node:crypto'
import { hashPassword, passwordProblem } from '../auth/passwords.js'
import { createHttpClient, hasRemote, type RemoteFlags } from './http-client.js'
import { openLocal, StoreLockedError } from './open-local.js'

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

/** Runs locally, or through the server when the data directory is in use and --url/--token are given. */
async function localOrRemote(
  flags: RemoteFlags & { data: string },
  print: Print,
  local: (l: Awaited<ReturnType<typeof openLocal>>) => Promise<number>,
  remote: (client: ReturnType<typeof createHttpClient>) => Promise<number>,
): Promise<number> {
  try {
    const opened = await openLocal(flags)
    try {
      return await local(opened)
    } finally {
      await opened.close()
    }
  } catch (err) {
    if (!(err instanceof StoreLockedError)) throw err
    if (!hasRemote(flags)) {
      print(`${err.message}. Pass --url and --token to run this through the running server.`)
      return 2
    }
    return remote(createHttpClient(flags))
  }
}

/** `tessera user add --email [--name] [--password] [--admin]`; a password is generated when none is given. */
export async function runUserAdd(flags: UserAddFlags, print: Print = console.log): Promise<number> {
  const password = flags.password ?? randomBytes(12).toString('base64url')
  const problem = passwordProblem(password)
  if (problem) {
    print(`--password ${problem.en}`)
    return 1
  }
  const name = flags.name ?? flags.email.split('@')[0] ?? flags.email
  const done = (email: string) => {
    print(`User ${email} created.`)
    if (!flags.password) print(`Password: ${password}   (shown once)`)
    return 0
  }
  return localOrRemote(
    flags,
    print,
    async ({ store }) => {
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
    async (client) => {
      if (flags.admin)
        print('Note: --admin is not available through the API; the user is created without it.')
      const user = await client.json<{ email: string }>('POST', '/api/users', {
        email: flags.email,
        name,
        password,
      })
      return done(user.email)
    },
  )
}

/** `tessera token create --email --name`: an API token for scripts, printed once. */
export async function runTokenCreate(flags: TokenCreateFlags, print: Print = console.log): Promise<number> {
  return localOrRemote(
    flags,
    print,
    async ({ store }) => {
      const user = await store.users.byEmail(flags.email)
      if (!user) {
        print(`No user ${flags.email}.`)
        return 1
      }
      const { token, info } = await store.tokens.create(user.id, flags.name)
      await store.audit({ actor: user.id, action: 'token.create', target: info.id, details: { via: 'cli' } })
      print(token)
      return 0
    },
    async (client) => {
      // Through the API a token is created for the caller (the owner of --token).
      const { token } = await client.json<{ token: string }>('POST', '/api/auth/tokens', { name: flags.name })
      print(token)
      return 0
    },
  )
}
