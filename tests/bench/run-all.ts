/**
 * `pnpm bench`: runs every tests/bench/*-bench.ts, each printing JSON lines
 * `{name, product, baseline, ratio, unit}`, and prints one table of them. The raw baseline is measured
 * in the same run on the same machine, so the ratio is what to read, not the absolute figure.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

interface Row {
  name: string
  product: number
  baseline: number
  ratio: number
  unit: string
  note?: string
}

const dir = import.meta.dirname
const only = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

const rows: Row[] = []
for (const file of files) {
  console.error(`== ${file}`)
  const r = spawnSync('node', ['--import', 'tsx', join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  })
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const row = JSON.parse(line) as Row
      if (typeof row.name === 'string' && typeof row.ratio === 'number') rows.push(row)
    } catch {}
  }
  if (r.status !== 0) console.error(`   ${file} exited ${r.status}`)
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2))
const table = [
  '| operation | product | raw baseline | ratio | unit |',
  '| --- | ---: | ---: | ---: | --- |',
  ...rows.map(
    (r) => `| ${r.name} | ${fmt(r.product)} | ${fmt(r.baseline)} | ${r.ratio.toFixed(2)} | ${r.unit} |`,
  ),
].join('\n')
console.log(table)
mkdirSync(join(dir, 'results'), { recursive: true })
writeFileSync(join(dir, 'results', 'latest.md'), `${table}\n`)
writeFileSync(join(dir, 'results', 'latest.json'), JSON.stringify(rows, null, 2))
