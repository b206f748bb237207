import { describe, expect, it } from 'vitest'
import { escapeCsvCell, neutralizeFormula } from './csv-cell.js'

describe('formula injection', () => {
  it('prefixes an apostrophe to a text that a spreadsheet would run', () => {
    for (const t of ['=1+1', '+cmd|calc', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil")'])
      expect(neutralizeFormula(t), JSON.stringify(t)).toBe(`'${t}`)
  })

  it('leaves ordinary text and negative numbers alone', () => {
    for (const t of ['Acme', 'a=b', '-12.50', '0']) expect(neutralizeFormula(t)).toBe(t)
  })

  it('quotes after neutralising', () => {
    expect(escapeCsvCell('=1,2')).toBe(`"'=1,2"`)
    expect(escapeCsvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"')
  })
})
