import { describe, expect, it } from 'vitest'
import { transitionButton } from './transition-button.js'

describe('transitionButton', () => {
  it('is primary while the guard holds unless the definition says otherwise', () => {
    expect(transitionButton(undefined, true)).toEqual({ type: 'primary', danger: false })
    expect(transitionButton('primary', true)).toEqual({ type: 'primary', danger: false })
    expect(transitionButton(undefined, false)).toEqual({ type: 'default', danger: false })
    expect(transitionButton('default', true)).toEqual({ type: 'default', danger: false })
    expect(transitionButton('danger', true)).toEqual({ type: 'default', danger: true })
    expect(transitionButton('danger', false)).toEqual({ type: 'default', danger: true })
  })
})
