/** The exit code of every command that finds its embedded data directory held by another process. */
export const LOCKED_EXIT = 2

/** The embedded data directory is held by another process (a running server). */
export class StoreLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(`the data directory ${dataDir} is in use (is \`tessera start\` running on it?)`)
    this.name = 'StoreLockedError'
  }
}

/**
 * The one line a locked directory prints: what is wrong, then the way out. A command that can work
 * through the server says to pass --url; one that needs the database itself says to stop the server.
 */
export function lockedMessage(err: StoreLockedError, way: 'remote' | 'local'): string {
  return way === 'remote'
    ? `${err.message}. Pass --url and --token to run this through the running server.`
    : `${err.message}. Stop the server first: this command needs the database to itself.`
}
