import { createHttpClient, type RemoteFlags } from './http-client.js'
import { type LocalRuntime, openLocal } from './open-local.js'
import { LOCKED_EXIT, lockedMessage, StoreLockedError } from './store-locked.js'

type Print = (line: string) => void

/** A command's two ways to run: on the data directory, or through a running server. */
export interface Ways {
  local(local: LocalRuntime): Promise<number>
  remote(client: ReturnType<typeof createHttpClient>, url: string): Promise<number>
}

/**
 * `--url` means that server and nothing else: the local store is never opened (nor created).
 * Without it the data directory is opened; when a server holds it, the answer says to pass --url.
 */
export async function localOrRemote(
  flags: RemoteFlags & { data: string },
  print: Print,
  ways: Ways,
): Promise<number> {
  if (flags.url) {
    if (!flags.token) {
      print('error: --url needs --token (an API token: tessera token create)')
      return 1
    }
    return ways.remote(createHttpClient({ url: flags.url, token: flags.token }), flags.url)
  }
  let local: LocalRuntime
  try {
    local = await openLocal(flags)
  } catch (err) {
    if (!(err instanceof StoreLockedError)) throw err
    print(lockedMessage(err, 'remote'))
    return LOCKED_EXIT
  }
  try {
    return await ways.local(local)
  } finally {
    await local.close()
  }
}

/**
 * For a command that reads the database itself (backup, restore, migrate, demo): --url cannot
 * stand in for it, and is refused rather than ignored.
 */
export function refuseRemote(flags: RemoteFlags, command: string, print: Print): number | null {
  if (!flags.url && !flags.token) return null
  print(
    `error: ${command} cannot work through --url: it needs the database itself; run it where the data is, with --data or DATABASE_URL (stop the server first for an embedded --data)`,
  )
  return 1
}
