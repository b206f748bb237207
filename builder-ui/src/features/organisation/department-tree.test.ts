import { describe, expect, it } from 'vitest'
import { departmentTree, subtreeKeys } from './department-tree.js'
import type { Department } from './org-api.js'

const d = (key: string, parent: string | null, head: string | null = null): Department => ({
  key,
  name: key.toUpperCase(),
  parent,
  head,
  members: [],
})
const chart = [
  d('company', null, 'u1'),
  d('sales', 'company'),
  d('east', 'sales'),
  d('west', 'sales'),
  d('stray', 'gone'),
]

describe('department tree', () => {
  it('nests departments under their parents, names the head, and puts an orphan at the top', () => {
    const tree = departmentTree(chart, [{ id: 'u1', email: 'mia@example.com', name: 'Mia', active: true }])
    expect(tree.map((n) => n.title)).toEqual(['COMPANY (company) · Mia', 'STRAY (stray)'])
    expect(tree[0]?.children[0]?.children.map((n) => n.key)).toEqual(['east', 'west'])
  })

  it('knows every department under one, which none may become the parent of', () => {
    expect([...subtreeKeys(chart, 'sales')].sort()).toEqual(['east', 'sales', 'west'])
    expect([...subtreeKeys(chart, 'east')]).toEqual(['east'])
  })
})
