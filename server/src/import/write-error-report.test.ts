import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { ImportIssue } from './import-types.js'
import { writeErrorReport } from './write-error-report.js'

const issue = (row: number, column: string, value: string, code: string, en: string): ImportIssue => ({
  row,
  column,
  value,
  code,
  reason: en,
  message: { en, 'zh-CN': `中文：${en}` },
  severity: 'error',
})

describe('writeErrorReport', () => {
  it('writes one CSV line per problem: row number, column, value, reason, with values neutralised', async () => {
    const out = new PassThrough()
    let text = ''
    out.on('data', (c: Buffer) => {
      text += c.toString()
    })
    await writeErrorReport(
      [
        issue(7, 'Email', 'LEE@example.com', 'duplicate', 'duplicate of row 2'),
        issue(10, 'TotalVisits', '=1+2', 'integer', '"=1+2" is not a whole number'),
      ],
      out,
    )
    expect(text.split('\r\n')).toEqual([
      '\uFEFFrow,column,value,reason,severity,code',
      '7,Email,LEE@example.com,duplicate of row 2,error,duplicate',
      `10,TotalVisits,'=1+2,"""=1+2"" is not a whole number",error,integer`,
      '',
    ])
  })

  it('answers in Chinese when asked', async () => {
    const out = new PassThrough()
    let text = ''
    out.on('data', (c: Buffer) => {
      text += c.toString()
    })
    await writeErrorReport([issue(3, 'City', 'Atlantis', 'option', 'not one of the options')], out, 'zh-CN')
    expect(text).toContain('行号,列,值,原因')
    expect(text).toContain('中文：not one of the options')
  })
})
