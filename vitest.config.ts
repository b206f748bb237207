import { defineConfig } from 'vitest/config'

// Browser tests need a built UI and Chromium: tests/run-tests.mjs runs them as their own step.
const e2e =
  process.env.TESSERA_E2E === '1'
    ? [
        {
          test: {
            name: 'e2e',
            root: 'tests',
            include: ['e2e/**/*.test.ts'],
            testTimeout: 300_000,
            hookTimeout: 300_000,
            fileParallelism: false,
          },
        },
      ]
    : []

export default defineConfig({
  test: {
    passWithNoTests: true,
    projects: [
      ...e2e,
      { test: { name: 'schemas', root: 'schemas', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'runtime',
          root: 'runtime',
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          root: 'server',
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'templates',
          root: 'templates',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      { test: { name: 'builder-ui', root: 'builder-ui', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          root: 'tests',
          include: ['integration/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
