/**
 * Where a timer sweep's time goes: PROFILE_N (2000) due timers of the bench app fired through
 * engine.runDueTimers on a fresh PostgreSQL database (DATABASE_URL's server) or PGlite without it,
 * with the statements of the sweep counted by their shape. Only the sweep is profiled (the
 * inspector's CPU profiler, as `node --cpu-prof` uses), written to PROFILE_OUT.
 * PROFILE_BATCH and PROFILE_LANES set the engine's timerBatch and timerLanes (its defaults without them).
 * Run: PROFILE_OUT=/tmp/timers.cpuprofile DATABASE_URL=… node --import tsx tests/bench/profile-timers.ts
 *      node --import tsx tests/bench/profile-summary.ts /tmp/timers.cpuprofile 25
 */
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { Session } from 'node:inspector/promises'
import { type Actor, createEngine, openDatabase, testDatabases } from '@tessera/runtime'
import { CLONE, timerApp } from './support/timer-fixture.js'

const ADMIN: Actor = { userId: null, isAdmin: true, via: 'bench' }
const N = Number(process.env.PROFILE_N ?? 2000)
const target = testDatabases().find((d) => d.kind === (process.env.DATABASE_URL ? 'pg' : 'pglite'))
if (!target) throw new Error('no test database')
const shapes = new Map<string, number>()
let counting = false
const seed = await target.open()
const store = target.url
  ? await openDatabase({
      url: target.url,
      onQuery: (text) => {
        if (!counting) return
        const shape = text.replace(/\$\d+/g, '?').replace(/\s+/g, ' ').slice(0, 70)
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1)
      },
    })
  : seed
try {
  const engine = createEngine({
    store,
    ...(process.env.PROFILE_BATCH ? { timerBatch: Number(process.env.PROFILE_BATCH) } : {}),
    ...(process.env.PROFILE_LANES ? { timerLanes: Number(process.env.PROFILE_LANES) } : {}),
  })
  await engine.publish('btimer', timerApp, ADMIN)
  const template = await engine.submit('btimer', 'task', { title: 'Task 0' }, ADMIN)
  await store.db.executeQuery({
    sql: CLONE,
    parameters: [template.id, N],
    query: { kind: 'RawNode' },
  } as never)
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  counting = true
  const t = performance.now()
  const cpu = process.cpuUsage()
  let fired = 0
  for (let n = -1; n !== 0; fired += n) n = await engine.runDueTimers(1000)
  const ms = performance.now() - t
  const used = process.cpuUsage(cpu)
  counting = false
  const { profile } = await session.post('Profiler.stop')
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile))
  console.log(
    `${fired} timers in ${(ms / 1000).toFixed(1)} s: ${((fired / ms) * 1000).toFixed(0)} timers/s (${target.kind}); ` +
      `this process's CPU ${((used.user + used.system) / fired).toFixed(0)} µs a timer (load ${loadavg()[0]?.toFixed(1)})`,
  )
  for (const [shape, n] of [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${String(n).padStart(6)}  ${shape}`)
} finally {
  if (store !== seed) await store.close()
  await seed.close()
  await target.dispose()
}
