// Names the failed tests of a vitest JSON report, with the first line of each failure, so the end
// of a CI log says what broke without scrolling back through thousands of lines.
import { relative } from 'node:path'

const firstLine = (message) =>
  (message ?? '')
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? ''

export const failedTests = (report) => {
  const lines = []
  for (const file of report.testResults ?? []) {
    const name = relative(process.cwd(), file.name)
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed')
    if (failed.length === 0 && file.status === 'failed') lines.push(`${name}: ${firstLine(file.message)}`)
    for (const t of failed) lines.push(`${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`)
  }
  return lines
}
