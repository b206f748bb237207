#!/usr/bin/env node
// The README's test command: unit and integration tests, then the browser tests when Chromium is here.
// `--e2e` runs only the browser tests (`pnpm test:e2e`).
// CI sets REQUIRE_E2E=1, and then a missing browser is a failure, not a skip.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status ?? 1
}

const e2eOnly = process.argv.includes('--e2e')
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
let status = e2eOnly ? 0 : run('pnpm', ['exec', 'vitest', 'run'])

if (existsSync(chromium)) {
  const build = run('pnpm', ['--filter', '@tessera/builder-ui', 'build'])
  const e2e =
    build === 0 ? run('pnpm', ['exec', 'vitest', 'run', '--project', 'e2e'], { TESSERA_E2E: '1' }) : build
  status = status || e2e
} else if (process.env.REQUIRE_E2E === '1' || e2eOnly) {
  console.error(`\nNo Chromium at ${chromium}: browser tests cannot run (apt-get install -y chromium).`)
  status = status || 1
} else {
  console.log(
    `\nBrowser tests SKIPPED: no Chromium at ${chromium} (apt-get install -y chromium to run them).`,
  )
}
process.exit(status)
