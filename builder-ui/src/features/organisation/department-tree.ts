import type { Department, PlatformUser } from './org-api.js'

export interface DepartmentNode {
  key: string
  title: string
  children: DepartmentNode[]
}

/** The flat list as antd Tree data: `Name (key) · head`; a parent that is missing puts a department at the top. */
export function departmentTree(departments: Department[], users: PlatformUser[]): DepartmentNode[] {
  const known = new Set(departments.map((d) => d.key))
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? id
  const seen = new Set<string>()
  const node = (d: Department): DepartmentNode => {
    seen.add(d.key)
    return {
      key: d.key,
      title: `${d.name} (${d.key})${d.head ? ` · ${name(d.head)}` : ''}`,
      children: departments.filter((c) => c.parent === d.key && !seen.has(c.key)).map(node),
    }
  }
  return departments.filter((d) => !d.parent || !known.has(d.parent)).map(node)
}

/** A department and every department under it: none of them may become its parent. */
export function subtreeKeys(departments: Department[], key: string): Set<string> {
  const out = new Set([key])
  let grew = true
  while (grew) {
    grew = false
    for (const d of departments)
      if (d.parent && out.has(d.parent) && !out.has(d.key)) {
        out.add(d.key)
        grew = true
      }
  }
  return out
}
