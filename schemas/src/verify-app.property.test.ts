import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AppDefinition } from './app-definition.js'
import { validAppArb } from './test-support/app-arbitrary.js'
import { exampleApp } from './test-support/example-app.js'
import { RULE_MUTATIONS } from './test-support/rule-mutations.js'
import { verifyApp } from './verify-app.js'

const codes = (app: unknown) => verifyApp(app).errors.map((e) => e.code)

/** Every path to a node of a JSON value, so a mutation can replace any one of them. */
function nodePaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path)
  if (Array.isArray(value))
    value.forEach((v, i) => {
      nodePaths(v, [...path, i], out)
    })
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...path, k], out)
  return out
}

function replaceAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const copy = structuredClone(root) as Record<string | number, unknown>
  let node = copy
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>
  node[path[path.length - 1]!] = replacement
  return copy
}

describe('verifyApp properties', () => {
  it('accepts every generated valid definition', () => {
    fc.assert(
      fc.property(validAppArb, (app) => {
        const result = verifyApp(app)
        expect(result.errors).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it('reports every single rule-breaking mutation of a valid definition', () => {
    fc.assert(
      fc.property(validAppArb, fc.constantFrom(...RULE_MUTATIONS), (app, mutation) => {
        const broken: AppDefinition = structuredClone(app)
        mutation.apply(broken)
        expect(codes(broken), mutation.name).toContain(mutation.code)
      }),
      { numRuns: 400 },
    )
  })

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = verifyApp(value)
        expect(result.ok).toBe(false)
        expect(result.errors.length).toBeGreaterThan(0)
        expect(result.errors.map((e) => e.code)).not.toContain('internal_check_error')
      }),
      { numRuns: 500 },
    )
  })

  it('never throws when any node of a valid definition is replaced by arbitrary JSON', () => {
    const base = exampleApp()
    const paths = nodePaths(base)
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, replacement) => {
        const result = verifyApp(replaceAt(base, path, replacement))
        expect(result.errors.map((e) => e.code)).not.toContain('internal_check_error')
        for (const problem of result.errors) {
          expect(problem.path.startsWith('/')).toBe(true)
          expect(problem.message.en.length).toBeGreaterThan(0)
          expect(problem.message['zh-CN'].length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 1000 },
    )
  })
})
