/**
 * The CRM demo (`tessera demo`) on PGlite in memory (or PROFILE_DATA_DIR=<dir>), each step's log line
 * stamped with the seconds since the start, and the statements run counted by their shape.
 * Run under `node --cpu-prof --import tsx tests/bench/profile-demo.ts` to get a CPU profile.
 */
import { resolve } from 'node:path'
import { createEngine, openDatabase } from '@tessera/runtime'
import { createDemoClock, formatDemoReport, runDemo } from '@tessera/server'

const data = resolve(process.env.TESSERA_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data'))
const shapes = new Map<string, { n: number; ms: number }>()
const store = await openDatabase({
  ...(process.env.PROFILE_DATA_DIR ? { dataDir: process.env.PROFILE_DATA_DIR } : { memory: true }),
  onQuery: (text: string, ms: number) => {
    const shape = text.replace(/\$\d+/g, '?').replace(/\s+/g, ' ').slice(0, 90)
    const s = shapes.get(shape) ?? { n: 0, ms: 0 }
    s.n++
    s.ms += ms
    shapes.set(shape, s)
  },
})
const clock = createDemoClock(new Date())
const t0 = performance.now()
const stamp = () => ((performance.now() - t0) / 1000).toFixed(1).padStart(6)
try {
  const engine = createEngine({ store, clock })
  const report = await runDemo({
    dir: data,
    engine,
    store,
    clock,
    log: (l) => console.log(`${stamp()}s ${l}`),
  })
  console.log(`${stamp()}s done`)
  for (const line of formatDemoReport(report).slice(0, 12)) console.log(line)
  for (const [shape, s] of [...shapes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(`${String(s.n).padStart(7)} ${s.ms.toFixed(0).padStart(7)}ms  ${shape}`)
} finally {
  await store.close()
}
