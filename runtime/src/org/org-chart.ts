/** One department with its members, as the assignee rules and row scopes read the tree. */
export interface Department {
  key: string
  name: string
  parent: string | null
  head: string | null
  /** user ids, in the order they joined */
  members: string[]
}

/** The whole tree, read once per transaction (departments are few; rules walk it in memory). */
export interface OrgChart {
  departments: Department[]
}

/** Pure helpers over a chart: no I/O. */
export function orgChart(chart: OrgChart) {
  const byKey = new Map(chart.departments.map((d) => [d.key, d]))
  const children = new Map<string, Department[]>()
  for (const d of chart.departments)
    if (d.parent) children.set(d.parent, [...(children.get(d.parent) ?? []), d])

  /** A department and everything under it, the department first. */
  function subtree(key: string): Department[] {
    const root = byKey.get(key)
    if (!root) return []
    const out: Department[] = []
    const queue = [root]
    const seen = new Set<string>()
    // `seen` guards a cycle written around the store (a restore of a hand-edited file)
    while (queue.length > 0) {
      const d = queue.shift() as Department
      if (seen.has(d.key)) continue
      seen.add(d.key)
      out.push(d)
      queue.push(...(children.get(d.key) ?? []))
    }
    return out
  }

  /** The departments a person belongs to or heads: memberships in join order, then headships. */
  function departmentsOf(userId: string): Department[] {
    const member = chart.departments.filter((d) => d.members.includes(userId))
    const heads = chart.departments.filter((d) => d.head === userId && !member.includes(d))
    return [...member, ...heads]
  }

  return {
    has: (key: string) => byKey.has(key),
    get: (key: string) => byKey.get(key),
    subtree,

    /** Members and heads of a department and its sub-departments, in tree then join order. */
    peopleUnder(key: string): string[] {
      const out = new Set<string>()
      for (const d of subtree(key)) {
        if (d.head) out.add(d.head)
        for (const m of d.members) out.add(m)
      }
      return [...out]
    },

    departmentsOf,

    /** Everyone in the trees of the departments a person belongs to or heads (the `department` row scope). */
    colleaguesOf(userId: string): string[] {
      const out = new Set<string>()
      for (const d of departmentsOf(userId))
        for (const s of subtree(d.key)) {
          if (s.head) out.add(s.head)
          for (const m of s.members) out.add(m)
        }
      out.delete(userId)
      return [...out]
    },

    /**
     * The heads above a person, nearest first: for each of their departments, its head (unless it is
     * the person), then the heads up the parent chain. A rule takes the first one it may assign.
     */
    headsAbove(userId: string): string[] {
      const out: string[] = []
      for (const start of departmentsOf(userId)) {
        let d: Department | undefined = start
        const seen = new Set<string>()
        while (d && !seen.has(d.key)) {
          seen.add(d.key)
          if (d.head && d.head !== userId && !out.includes(d.head)) out.push(d.head)
          d = d.parent ? byKey.get(d.parent) : undefined
        }
      }
      return out
    },

    /** The keys from a department up to its root; a move under any of them would make a cycle. */
    ancestry(key: string): string[] {
      const out: string[] = []
      let d = byKey.get(key)
      while (d && !out.includes(d.key)) {
        out.push(d.key)
        d = d.parent ? byKey.get(d.parent) : undefined
      }
      return out
    },
  }
}

export type OrgChartView = ReturnType<typeof orgChart>
