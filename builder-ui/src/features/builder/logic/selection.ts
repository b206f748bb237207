/** What the admin has selected in the editor; the property panels and verification focus use it. */
export type Selection =
  | { kind: 'app' }
  | { kind: 'roles' }
  | { kind: 'form'; form: string }
  | { kind: 'field'; form: string; field: string }
  | { kind: 'section'; form: string; index: number }
  | { kind: 'workflow'; workflow: string }
  | { kind: 'state'; workflow: string; state: string }
  | { kind: 'transition'; workflow: string; transition: string }
  | { kind: 'view'; view: string }
  | { kind: 'automation'; automation: string }

export type EditorTab = 'forms' | 'workflows' | 'views' | 'automations' | 'publish'

/** The tab that shows a selection. */
export function tabFor(selection: Selection): EditorTab {
  switch (selection.kind) {
    case 'form':
    case 'field':
    case 'section':
      return 'forms'
    case 'workflow':
    case 'state':
    case 'transition':
      return 'workflows'
    case 'view':
      return 'views'
    case 'automation':
      return 'automations'
    default:
      return 'publish'
  }
}
