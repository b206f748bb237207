/**
 * Top self-time frames of a V8 .cpuprofile (node --cpu-prof), grouped by function and file:line,
 * as a markdown table for docs/benchmarks.md. Paths are shown from the workspace root or from
 * node_modules, so a reader sees whose code the time is in.
 * Run: node --import tsx tests/bench/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** The workspace root, so a profile taken in any checkout (a worktree too) names its files alike. */
const root = `${resolve(import.meta.dirname, '../..')}/`

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, topArg] = process.argv.slice(2)
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const selfUs = new Map<string, number>()
const byOwner = new Map<string, number>()
/** Whose code: a workspace package, an npm package, node itself, or V8's own bookkeeping. */
const ownerOf = (where: string, fn: string) => {
  if (!where) return fn.startsWith('(') ? fn : `native ${fn}`
  if (where.startsWith('node:')) return 'node internals'
  if (/^(runtime|server|schemas|templates|tests)\/src\//.test(where) || where.startsWith('tests/'))
    return `@tessera/${where.split('/')[0]}`
  const pkg = where.startsWith('@') ? where.split('/').slice(0, 2).join('/') : where.split('/')[0]
  return pkg ?? where
}
let total = 0
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0
  total += dt
  const frame = byId.get(id)?.callFrame
  if (!frame) return
  const where = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(root, '')
  const key = `${frame.functionName || '(anonymous)'} | ${where && frame.lineNumber > 0 ? `${where}:${frame.lineNumber + 1}` : where}`
  selfUs.set(key, (selfUs.get(key) ?? 0) + dt)
  const owner = ownerOf(where, frame.functionName)
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + dt)
})
const top = [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))
console.log(`total sampled: ${(total / 1e6).toFixed(1)} s\n`)
console.log('| self ms | self % | whose code |')
console.log('| ---: | ---: | --- |')
for (const [owner, us] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`| ${(us / 1000).toFixed(0)} | ${((us / total) * 100).toFixed(1)} | ${owner} |`)
console.log('')
console.log('| self ms | self % | function | where |')
console.log('| ---: | ---: | --- | --- |')
for (const [key, us] of top) {
  const [fn, where] = key.split(' | ')
  console.log(`| ${(us / 1000).toFixed(0)} | ${((us / total) * 100).toFixed(1)} | ${fn} | ${where} |`)
}
