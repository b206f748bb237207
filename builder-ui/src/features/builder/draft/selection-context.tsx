import type { Problem } from '@tessera/schemas'
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import { type EditorTab, type Selection, tabFor } from '../logic/selection.js'

export interface SelectionContextValue {
  selection: Selection
  tab: EditorTab
  setTab: (tab: EditorTab) => void
  /** selects and shows: switches to the tab that holds the selection. */
  focus: (selection: Selection) => void
  select: (selection: Selection) => void
  problems: Problem[]
  setProblems: (problems: Problem[]) => void
}

const SelectionContext = createContext<SelectionContextValue | null>(null)

export function SelectionProvider({ children, initialTab }: { children: ReactNode; initialTab: EditorTab }) {
  const [selection, select] = useState<Selection>({ kind: 'app' })
  const [tab, setTab] = useState<EditorTab>(initialTab)
  const [problems, setProblems] = useState<Problem[]>([])
  const focus = useCallback((next: Selection) => {
    select(next)
    if (next.kind !== 'app' && next.kind !== 'roles') setTab(tabFor(next))
  }, [])
  const value = useMemo(
    () => ({ selection, select, tab, setTab, focus, problems, setProblems }),
    [selection, tab, focus, problems],
  )
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>
}

export function useSelection(): SelectionContextValue {
  const ctx = useContext(SelectionContext)
  if (!ctx) throw new Error('useSelection outside SelectionProvider')
  return ctx
}
