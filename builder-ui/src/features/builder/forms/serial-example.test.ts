import { describe, expect, it } from 'vitest'
import { hasCounter, serialExample } from './serial-example.js'

describe('serialExample', () => {
  it('fills the DESIGN.md lead format', () => {
    expect(serialExample('LEAD-{YYYY}-{000000}', new Date(2026, 0, 5), 42)).toBe('LEAD-2026-000042')
  })

  it('fills date parts and keeps unknown braces', () => {
    expect(serialExample('R{YY}{MM}{DD}-{000}-{x}', new Date(2026, 11, 3), 7)).toBe('R261203-007-{x}')
  })

  it('knows whether a format has a counter', () => {
    expect(hasCounter('A-{YYYY}')).toBe(false)
    expect(hasCounter('A-{00}')).toBe(true)
  })
})
