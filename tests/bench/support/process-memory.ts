import { readdirSync, readFileSync } from 'node:fs'

/** Resident memory of a process in MB (VmRSS; VmHWM = its peak), read from /proc (Linux). */
export function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

/**
 * The pid of the `tessera start --port <port>` process: the e2e helper starts it without handing out
 * its pid, and the port makes the command line unique.
 */
export function tesseraPid(port: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let args: string[]
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
    } catch {
      continue
    }
    const at = args.indexOf('--port')
    if (args.includes('start') && at >= 0 && args[at + 1] === port) return Number(entry)
  }
  throw new Error(`no tessera start process on port ${port}`)
}
