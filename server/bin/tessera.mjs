#!/usr/bin/env node
// The `tessera` bin: runs the TypeScript CLI through tsx (no build step in this workspace).
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const tsx = import.meta.resolve('tsx')
const result = spawnSync(
  process.execPath,
  ['--import', tsx, join(here, '..', 'src', 'cli.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, TESSERA_CLI: '1' },
  },
)
process.exit(result.status ?? 1)
