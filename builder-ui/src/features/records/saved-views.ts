import type { ColumnFilter } from './list-filter.js'

/** A table setup the user named: filters, search, sort, visible columns. */
export interface SavedView {
  name: string
  filters: Record<string, ColumnFilter>
  q: string
  sort?: string
  columns: string[]
}

const storageKey = (app: string, form: string) => `tessera.views.${app}.${form}`

/** The views saved in this browser ("mine"); shared views come from the app definition. */
export function loadViews(app: string, form: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(app, form)) ?? '[]')
    return Array.isArray(parsed)
      ? parsed.filter(
          (v): v is SavedView =>
            typeof v === 'object' && v !== null && typeof (v as SavedView).name === 'string',
        )
      : []
  } catch {
    return []
  }
}

/** Saves (or replaces, by name) one view and returns the new list. */
export function saveView(app: string, form: string, view: SavedView): SavedView[] {
  const next = [...loadViews(app, form).filter((v) => v.name !== view.name), view]
  localStorage.setItem(storageKey(app, form), JSON.stringify(next))
  return next
}

export function deleteView(app: string, form: string, name: string): SavedView[] {
  const next = loadViews(app, form).filter((v) => v.name !== name)
  localStorage.setItem(storageKey(app, form), JSON.stringify(next))
  return next
}
