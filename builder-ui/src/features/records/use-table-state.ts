import type { ViewDefinition } from '@tessera/schemas'
import { useMemo, useState } from 'react'
import type { ListParams } from '../../api/api.js'
import { type ColumnFilter, toServerFilter } from './list-filter.js'
import type { ViewSettings } from './saved-views.js'

/**
 * The records table's query: filters, search, sort, page size, and the cursor of each page seen
 * so far (the API pages by cursor, so "next" follows nextCursor and "previous" goes back the stack).
 */
export function useTableState(
  defaultColumns: string[],
  initialFilters: Record<string, ColumnFilter> = {},
  defaultSort = '-updated_at',
  /** a sort and a search carried in the page's address */
  initial: { sort?: string | null; q?: string | null } = {},
) {
  const [filters, setFiltersState] = useState<Record<string, ColumnFilter>>(initialFilters)
  const [q, setQState] = useState(initial.q ?? '')
  const [sort, setSortState] = useState<string | undefined>(initial.sort ?? defaultSort)
  const [pageSize, setPageSizeState] = useState(25)
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const [page, setPage] = useState(0)
  const [columns, setColumns] = useState<string[]>(defaultColumns)
  const [widths, setWidths] = useState<Record<string, number>>({})
  // the filter of a view the app defines (server terms: it may say what column filters cannot)
  const [base, setBase] = useState<{ view?: string; filter: Record<string, unknown> }>({ filter: {} })

  const restart = () => {
    setCursors([null])
    setPage(0)
  }
  const params: ListParams = useMemo(
    () => ({
      filter: { ...base.filter, ...toServerFilter(filters) },
      q: q || undefined,
      sort,
      limit: pageSize,
      cursor: cursors[page] ?? null,
    }),
    [base, filters, q, sort, pageSize, cursors, page],
  )
  return {
    filters,
    q,
    sort,
    pageSize,
    page,
    columns,
    widths,
    /** the app-defined view in use, if any */
    appView: base.view,
    baseFilter: base.filter,
    params,
    setColumns,
    setWidth: (key: string, width: number) => setWidths((w) => ({ ...w, [key]: width })),
    setFilter: (key: string, f: ColumnFilter | undefined) => {
      setFiltersState((old) => {
        const next = { ...old }
        if (f) next[key] = f
        else delete next[key]
        return next
      })
      restart()
    },
    setQ: (v: string) => {
      setQState(v)
      restart()
    },
    setSort: (v: string | undefined) => {
      setSortState(v ?? defaultSort)
      restart()
    },
    setPageSize: (n: number) => {
      setPageSizeState(n)
      restart()
    },
    /** called with the answer's nextCursor so "next" knows where to go */
    learnNext: (next: string | null) => {
      if (next && cursors[page + 1] !== next)
        setCursors((c) => {
          const copy = c.slice(0, page + 1)
          copy.push(next)
          return copy
        })
    },
    hasNext: cursors[page + 1] !== undefined,
    next: () => setPage((p) => Math.min(p + 1, cursors.length - 1)),
    prev: () => setPage((p) => Math.max(0, p - 1)),
    apply: (v: ViewSettings) => {
      setFiltersState(v.filters)
      setQState(v.q)
      setSortState(v.sort ?? defaultSort)
      setColumns(v.columns)
      setWidths(v.widths ?? {})
      setBase({ ...(v.appView ? { view: v.appView } : {}), filter: v.baseFilter ?? {} })
      restart()
    },
    /** a view the app's definition ships (its columns, filter and sort); undefined: back to all records */
    openAppView: (view: ViewDefinition | undefined, allColumns: string[]) => {
      setFiltersState({})
      setQState('')
      setSortState(view?.sort ?? defaultSort)
      setColumns(view?.columns?.length ? view.columns : allColumns)
      setBase(view ? { view: view.key, filter: view.filter ?? {} } : { filter: {} })
      restart()
    },
  }
}

export type TableState = ReturnType<typeof useTableState>
