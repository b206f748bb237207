/**
 * Shared pieces of the benchmarks: the scale knob, percentiles, the JSON line run-all.ts reads, and a
 * raw query function over either database so a baseline sends hand-written SQL with bound values.
 */
import type { Store } from '@tessera/runtime'
import { sql } from 'kysely'
import pg from 'pg'

/**
 * TESSERA_BENCH_SCALE multiplies the default sizes: 1 (default) lists 10k records, 10 adds 100k,
 * 100 adds 1M; below 1 shrinks everything for a quick check (0.1 = 1k records, 1k timers).
 */
export const SCALE = (() => {
  const n = Number(process.env.TESSERA_BENCH_SCALE ?? 1)
  return Number.isFinite(n) && n > 0 ? n : 1
})()

export interface BenchRow {
  name: string
  product: number
  baseline: number
  ratio: number
  unit: string
  note?: string
}

export const emit = (row: BenchRow) => console.log(JSON.stringify(row))

/** Nearest-rank percentile of `samples` (ms); `p` in 0..100. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

export type RawQuery = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>

/** Raw SQL on the store's own connection, or a transaction's (PGlite has one connection, so no second client can join). */
export function rawOverStore(store: Pick<Store, 'db'>): RawQuery {
  return async (text, params = []) => {
    const parts = text.split(/\$(\d+)/)
    const query = sql.join(
      parts.map((p, i) => (i % 2 === 0 ? sql.raw(p) : sql`${params[Number(p) - 1]}`)),
      sql``,
    )
    const r = await sql<Record<string, unknown>>`${query}`.execute(store.db)
    return { rows: r.rows }
  }
}

/** Raw SQL through a plain pg pool, as a hand-written service would run it. */
export function rawOverPg(url: string, max = 10): { query: RawQuery; end: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max })
  // an idle client cut by the final drop database must not crash the run
  pool.on('error', () => {})
  return {
    query: async (text, params = []) => {
      const r = await pool.query(text, params)
      return { rows: r.rows as Record<string, unknown>[] }
    },
    end: () => pool.end(),
  }
}
