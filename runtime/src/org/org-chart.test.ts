import { describe, expect, it } from 'vitest'
import { type Department, orgChart } from './org-chart.js'

const dept = (
  key: string,
  parent: string | null,
  head: string | null,
  members: string[] = [],
): Department => ({
  key,
  name: key,
  parent,
  head,
  members,
})

// company (ceo) > sales (vp) > east (lea: ann, bob) ; sales > west (no head: cid) ; ops (no head: dan)
const chart = orgChart({
  departments: [
    dept('company', null, 'ceo'),
    dept('sales', 'company', 'vp', ['vp']),
    dept('east', 'sales', 'lea', ['ann', 'bob', 'lea']),
    dept('west', 'sales', null, ['cid']),
    dept('ops', null, null, ['dan']),
  ],
})

describe('orgChart', () => {
  it('finds the heads above a member, nearest first, skipping the person themselves', () => {
    expect(chart.headsAbove('ann')).toEqual(['lea', 'vp', 'ceo'])
    expect(chart.headsAbove('lea')).toEqual(['vp', 'ceo'])
    expect(chart.headsAbove('cid')).toEqual(['vp', 'ceo'])
    expect(chart.headsAbove('ceo')).toEqual([])
    expect(chart.headsAbove('dan')).toEqual([])
    expect(chart.headsAbove('nobody')).toEqual([])
  })

  it('counts a head as belonging to the department they head', () => {
    expect(chart.departmentsOf('ceo').map((d) => d.key)).toEqual(['company'])
    expect(chart.departmentsOf('lea').map((d) => d.key)).toEqual(['east'])
  })

  it('lists the people of a department and its sub-departments', () => {
    expect(chart.peopleUnder('sales').sort()).toEqual(['ann', 'bob', 'cid', 'lea', 'vp'])
    expect(chart.peopleUnder('east').sort()).toEqual(['ann', 'bob', 'lea'])
    expect(chart.peopleUnder('missing')).toEqual([])
  })

  it("gives a head their departments' whole trees as colleagues", () => {
    expect(chart.colleaguesOf('vp').sort()).toEqual(['ann', 'bob', 'cid', 'lea'])
    expect(chart.colleaguesOf('ann').sort()).toEqual(['bob', 'lea'])
  })

  it('walks the ancestry of a department up to its root', () => {
    expect(chart.ancestry('east')).toEqual(['east', 'sales', 'company'])
  })

  it('survives a cycle written around the store', () => {
    const looped = orgChart({ departments: [dept('a', 'b', 'x', ['m']), dept('b', 'a', 'y')] })
    expect(looped.headsAbove('m')).toEqual(['x', 'y'])
    expect(looped.subtree('a').map((d) => d.key)).toEqual(['a', 'b'])
    expect(looped.ancestry('a')).toEqual(['a', 'b'])
  })
})
