import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SEMANTIC_CODES, SHAPE_CODES } from './problem-codes.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const documented = new Set(
  [...readme.matchAll(/^\| `([A-Za-z_]+)`(?: \/ `([A-Za-z_]+)`)*(?: \/ `([A-Za-z_]+)`)? \|/gm)].flatMap((m) =>
    m.slice(1).filter(Boolean),
  ),
)

describe('problem codes', () => {
  it.each([...SHAPE_CODES, ...SEMANTIC_CODES])('%s is documented in schemas/README.md', (code) => {
    expect(documented.has(code) || readme.includes(`\`${code}\``)).toBe(true)
  })

  it('are distinct', () => {
    const all = [...SHAPE_CODES, ...SEMANTIC_CODES]
    expect(new Set(all).size).toBe(all.length)
  })
})
