import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs module of the test runner, without types
import { failedTests } from '../failed-tests.mjs'

describe('the test summary at the end of pnpm test', () => {
  it('names each failed test with the first line of its failure, and a file that failed to load', () => {
    const report = {
      testResults: [
        {
          name: `${process.cwd()}/tests/integration/a.test.ts`,
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'a works' },
            {
              status: 'failed',
              fullName: 'a adds',
              failureMessages: ['\nAssertionError: expected 1 to be 2\n  at x'],
            },
          ],
        },
        {
          name: `${process.cwd()}/tests/integration/b.test.ts`,
          status: 'failed',
          message: 'Cannot find module x',
          assertionResults: [],
        },
        { name: `${process.cwd()}/tests/integration/c.test.ts`, status: 'passed', assertionResults: [] },
      ],
    }
    expect(failedTests(report)).toEqual([
      'tests/integration/a.test.ts > a adds: AssertionError: expected 1 to be 2',
      'tests/integration/b.test.ts: Cannot find module x',
    ])
  })
})
