import type { FormData } from './logic/form-logic.js'

/** A half-filled form kept in this browser, so closing the tab loses nothing. */
export interface StoredDraft {
  savedAt: string
  value: FormData
}

export const draftKey = (app: string, form: string) => `tessera.draft.${app}.${form}`

export function loadDraft(key: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(key)
    if (!raw) return null
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed !== 'object' || parsed === null) return null
    const d = parsed as Partial<StoredDraft>
    if (typeof d.savedAt !== 'string' || typeof d.value !== 'object' || d.value === null) return null
    return { savedAt: d.savedAt, value: d.value }
  } catch {
    return null
  }
}

export function saveDraft(key: string, value: FormData) {
  if (Object.keys(value).length === 0) localStorage.removeItem(key)
  else localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), value }))
}

export const clearDraft = (key: string) => localStorage.removeItem(key)
