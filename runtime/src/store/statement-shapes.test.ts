import { CompiledQuery } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createShapeCache, prepared, slotted } from './statement-shapes.js'

/** A stand-in for a kysely builder: "compiles" its rows into text and parameters, counting compiles. */
function fakeBuilder(rows: Record<string, Record<string, unknown>[]>, compiles: { n: number }) {
  compiles.n++
  const parameters: unknown[] = []
  const text = Object.entries(rows)
    .map(
      ([part, list]) =>
        `${part}(${list
          .map((r) =>
            Object.keys(r)
              .map((c) => `${c}=$${parameters.push(r[c])}`)
              .join(' '),
          )
          .join('|')})`,
    )
    .join(' ')
  return CompiledQuery.raw(`${text} limit $${parameters.push(50)}`, parameters)
}

describe('statements by shape', () => {
  it('compiles a shape once and sends each call its own values, constants kept', () => {
    const cache = createShapeCache()
    const compiles = { n: 0 }
    const send = (parts: Record<string, Record<string, unknown>[]>) => {
      const { rows, values, shape } = slotted(parts)
      return cache.bind(shape, values, () => fakeBuilder(rows, compiles))
    }
    const first = send({ records: [{ id: 'a', data: '{"x":1}' }], events: [{ seq: 1 }] })
    const second = send({ records: [{ id: 'b', data: '{"x":2}' }], events: [{ seq: 7 }] })
    expect(compiles.n).toBe(1)
    expect(second.sql).toBe(first.sql)
    expect(first.parameters).toEqual(['a', '{"x":1}', 1, 50])
    expect(second.parameters).toEqual(['b', '{"x":2}', 7, 50])
  })

  it('compiles anew for other columns, row counts or parts; an undefined value is no column', () => {
    const cache = createShapeCache()
    const compiles = { n: 0 }
    const send = (parts: Record<string, Record<string, unknown>[]>) => {
      const { rows, values, shape } = slotted(parts)
      return cache.bind(shape, values, () => fakeBuilder(rows, compiles))
    }
    send({ records: [{ id: 'a' }] })
    send({ records: [{ id: 'a' }, { id: 'b' }] })
    send({ records: [{ id: 'a', owner: null }] })
    send({ records: [], events: [{ id: 'a' }] })
    expect(compiles.n).toBe(4)
    const absent = send({ records: [{ id: 'c', owner: undefined }] })
    expect(compiles.n).toBe(4)
    expect(absent.parameters).toEqual(['c', 50])
  })

  it('prepares a fixed statement once', () => {
    const compiles = { n: 0 }
    const byId = prepared(1, (_db: null, id: string) => ({
      compile: () => fakeBuilder({ find: [{ id }] }, compiles),
    }))
    expect(byId(null, 'x').parameters).toEqual(['x', 50])
    expect(byId(null, 'y').parameters).toEqual(['y', 50])
    expect(compiles.n).toBe(1)
  })
})
