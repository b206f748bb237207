import { bootstrapAdmin } from '../auth/bootstrap-admin.js'
import { createDemoClock, formatDemoReport, runDemo, SIMULATED_SPAN_MS } from '../demo/index.js'
import { DEMO_PASSWORD, missingDemoInput, setDemoPasswords } from '../demo/demo-people.js'
import { fromUser } from './cli-paths.js'
import { openLocal } from './open-local.js'

type Print = (line: string) => void

const roleNames = {
  sales: 'a sales rep',
  sales_manager: 'a sales manager',
  operations: 'operations',
} as const

/** `tessera demo <dir>`: the CRM on the real datasets, then a report; `start` on the same --data browses it. */
export async function runDemoCommand(
  dir: string,
  flags: { data: string },
  print: Print = console.log,
): Promise<number> {
  // The folder first: a wrong path must not leave a half-made database behind.
  const missing = missingDemoInput(fromUser(dir))
  if (missing) {
    print(`error: ${missing}`)
    return 1
  }
  // The simulated days end about now, not in the future: nothing the demo writes is dated ahead of
  // the real clock that `start` will run on (boards sorted by the latest change stay truthful).
  const clock = createDemoClock(new Date(Date.now() - SIMULATED_SPAN_MS - 3_600_000))
  // a locked directory is the CLI's one answer (exit 2): the demo moves the clock, it needs the store to itself
  const local = await openLocal(flags, { clock, create: true })
  try {
    // The platform admin first, as `start` makes it: the demo's own users must not take that place,
    // or `start` on the same data would leave nobody able to sign in.
    const admin = await bootstrapAdmin(local.store, {
      email: process.env.TESSERA_ADMIN_EMAIL,
      password: process.env.TESSERA_ADMIN_PASSWORD,
    })
    const report = await runDemo({
      dir: fromUser(dir),
      engine: local.engine,
      store: local.runtime,
      clock,
      log: print,
      adminEmail: admin.email,
    })
    const people = await setDemoPasswords(local.store)
    for (const line of formatDemoReport(report)) print(line)
    print('')
    print(`Browse it: pnpm start --data ${flags.data}   (builds the UI, then serves it)`)
    if (admin.created) {
      print(`  Admin:     ${admin.email}`)
      if (admin.generatedPassword)
        print(`  Password:  ${admin.generatedPassword}   (shown once: note it now)`)
    } else print(`  Admin:     ${admin.email} (created earlier)`)
    for (const person of people) print(`  Or as ${roleNames[person.role]}: ${person.email}`)
    if (people.length > 0) print(`  Their password (every demo person): ${DEMO_PASSWORD}`)
    return 0
  } finally {
    await local.close()
  }
}
