#!/usr/bin/env node
// The README's test command: unit and integration tests, then the browser tests when Chromium is here.
// `--e2e` runs only the browser tests (`pnpm test:e2e`).
// CI sets REQUIRE_E2E=1, and then a missing browser is a failure, not a skip.
// The run ends with the list of failed tests of both steps, so the last lines of a log name them.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { failedTests } from './failed-tests.mjs'

const reports = mkdtempSync(join(tmpdir(), 'tessera-test-report-'))

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status ?? 1
}

const vitest = (step, args, env = {}) => {
  const file = join(reports, `${step}.json`)
  const status = run(
    'pnpm',
    ['exec', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    env,
  )
  return { step, status, file }
}

const e2eOnly = process.argv.includes('--e2e')
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const steps = []
if (!e2eOnly) steps.push(vitest('unit and integration', []))

let missingBrowser = false
if (existsSync(chromium)) {
  const build = run('pnpm', ['--filter', '@tessera/builder-ui', 'build'])
  if (build === 0) steps.push(vitest('browser', ['--project', 'e2e'], { TESSERA_E2E: '1' }))
  else steps.push({ step: 'UI build', status: build })
} else if (process.env.REQUIRE_E2E === '1' || e2eOnly) {
  console.error(`\nNo Chromium at ${chromium}: browser tests cannot run (apt-get install -y chromium).`)
  missingBrowser = true
} else {
  console.log(
    `\nBrowser tests SKIPPED: no Chromium at ${chromium} (apt-get install -y chromium to run them).`,
  )
}

console.log('\n== test summary')
for (const { step, status, file } of steps) {
  console.log(`${step}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`}`)
  if (status === 0 || !file) continue
  const report = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
  const failed = report ? failedTests(report) : []
  if (failed.length === 0)
    console.log('  (no failed test in the report: a file failed to load or the run crashed, see above)')
  for (const line of failed) console.log(`  ${line}`)
}
if (missingBrowser) console.log('browser: FAILED (no Chromium)')
rmSync(reports, { recursive: true, force: true })
process.exit(steps.some((s) => s.status !== 0) || missingBrowser ? 1 : 0)
