import { createDemoClock, formatDemoReport, runDemo } from '../demo/index.js'
import { fromUser } from './cli-paths.js'
import { openLocal, StoreLockedError } from './open-local.js'

type Print = (line: string) => void

/** `tessera demo <dir>`: the CRM on the real datasets, then a report; `start` on the same --data browses it. */
export async function runDemoCommand(
  dir: string,
  flags: { data: string },
  print: Print = console.log,
): Promise<number> {
  const clock = createDemoClock(new Date())
  let local: Awaited<ReturnType<typeof openLocal>>
  try {
    local = await openLocal(flags, { clock })
  } catch (err) {
    if (err instanceof StoreLockedError) {
      print(`${err.message}. Stop the server first: the demo moves the clock and needs the store to itself.`)
      return 2
    }
    throw err
  }
  try {
    const report = await runDemo({
      dir: fromUser(dir),
      engine: local.engine,
      store: local.runtime,
      clock,
      log: print,
    })
    for (const line of formatDemoReport(report)) print(line)
    return 0
  } finally {
    await local.close()
  }
}
