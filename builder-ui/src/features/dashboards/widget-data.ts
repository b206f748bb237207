import { type FormDefinition, type WidgetDefinition, widgetFilterSource } from '@tessera/schemas'
import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/api.js'
import { ApiError } from '../../api/api-error.js'
import { request } from '../../api/http.js'
import { aggregate, type Bucket } from './aggregate.js'
import type { DashboardFilters } from './dashboard-page.js'

export interface WidgetData {
  buckets: Bucket[]
  /** true when computed in the browser from record lists (no server data route answered) */
  local: boolean
}

/** The list filter a dashboard's date range and region mean, merged with the widget's own. */
export function widgetFilter(
  widget: WidgetDefinition,
  form: Pick<FormDefinition, 'fields'>,
  f: DashboardFilters,
): Record<string, unknown> {
  const filter: Record<string, unknown> = { ...(widget.filter ?? {}) }
  const date = widget.dateField ?? 'created_at'
  if (f.from && f.to) filter[date] = { between: [f.from, f.to] }
  else if (f.from) filter[date] = { gte: f.from }
  else if (f.to) filter[date] = { lte: f.to }
  // the list API filters fields only: a region read from a member's attribute is the server's
  const region = f.region ? widgetFilterSource(widget, form, 'region') : undefined
  if (f.region && region && !region.memberAttribute) filter[region.field] = { eq: f.region }
  return filter
}

/** GET /api/apps/:app/dashboards/:dashboard/widgets/:widget: counts are numbers, money decimal strings. */
interface WidgetResponse {
  widget: string
  series: {
    key: string
    label?: string
    group?: string
    value: number | string
    count?: number
    rate?: number
  }[]
  total?: number | string
  generatedAt: string
}

const toBucket = (p: WidgetResponse['series'][number]): Bucket => ({
  key: p.key,
  value: String(p.value),
  ...(p.group !== undefined ? { group: p.group } : {}),
  ...(p.label !== undefined ? { label: p.label } : {}),
  ...(p.rate !== undefined ? { rate: p.rate } : {}),
  ...(p.count !== undefined ? { count: p.count } : {}),
})

// the list API's page limit
const LOCAL_LIMIT = 500

/**
 * Asks the server for the widget's figures (computed in SQL over all the records the user may
 * read); only when a server without that route answers 404 are rough figures computed here from
 * up to LOCAL_LIMIT records of the list API, and the widget is marked.
 */
export function useWidgetData(
  app: string,
  dashboard: string,
  widget: WidgetDefinition,
  form: Pick<FormDefinition, 'fields'> | undefined,
  filters: DashboardFilters,
) {
  return useQuery({
    queryKey: ['dashboard', app, dashboard, widget.key, filters],
    queryFn: async (): Promise<WidgetData> => {
      try {
        const res = await request<WidgetResponse>(
          `/apps/${encodeURIComponent(app)}/dashboards/${encodeURIComponent(dashboard)}/widgets/${encodeURIComponent(widget.key)}`,
          { query: { from: filters.from, to: filters.to, region: filters.region } },
        )
        return { buckets: res.series.map(toBucket), local: false }
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 404) throw e
      }
      const list = await api.list(app, widget.form, {
        filter: widgetFilter(widget, form ?? { fields: [] }, filters),
        limit: LOCAL_LIMIT,
      })
      // a funnel with no grouping of its own is the workflow's states, in the workflow's order
      const local = widget.type === 'funnel' && !widget.groupBy ? { ...widget, groupBy: 'state' } : widget
      return { buckets: aggregate(list.items, local), local: true }
    },
  })
}
