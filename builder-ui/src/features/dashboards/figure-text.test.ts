import { describe, expect, it } from 'vitest'
import { figureText } from './figure-text.js'

describe('figureText', () => {
  it('shows an SLA median over no answered entry as a dash, not 0 hours', () => {
    expect(figureText({ key: 'median_hours', value: '0', count: 0 }, 'en')).toBe('—')
    expect(figureText({ key: 'median_hours', value: '13.5', count: 4 }, 'en')).toBe('13.5')
  })

  it('shows shares as percentages and other figures as numbers', () => {
    expect(figureText({ key: 'breached_share', value: '0.245', count: 2 }, 'en')).toBe('24.5%')
    expect(figureText({ key: 'entries', value: '1107', count: 1107 }, 'en')).toBe('1,107')
  })
})
