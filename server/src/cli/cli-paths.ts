import { isAbsolute, resolve } from 'node:path'

/**
 * `pnpm tessera` runs with cwd server/; the user's own directory is INIT_CWD (set by pnpm), so
 * `--data ./data` and file arguments mean what the user typed them to mean.
 */
export const userCwd = () => process.env.INIT_CWD || process.cwd()

export const fromUser = (path: string) => (isAbsolute(path) ? path : resolve(userCwd(), path))
