import type { FormDefinition, WidgetDefinition, WidgetFilterSource } from './app-definition.js'

/** The filters a dashboard offers besides its date range. */
export const DASHBOARD_FILTERS = ['region'] as const
export type DashboardFilter = (typeof DASHBOARD_FILTERS)[number]

/**
 * Where a widget reads a dashboard filter: its `filterBy`, else the form's field of that name, else
 * nowhere (the widget is not filtered by it, and says so rather than showing unfiltered figures).
 */
export function widgetFilterSource(
  widget: Pick<WidgetDefinition, 'filterBy'>,
  form: Pick<FormDefinition, 'fields'>,
  filter: DashboardFilter,
): WidgetFilterSource | undefined {
  const declared = widget.filterBy?.[filter]
  if (declared) return declared
  return form.fields.some((f) => f.key === filter) ? { field: filter } : undefined
}

/** The dashboard filters a widget cannot apply. */
export const notFilteredBy = (
  widget: Pick<WidgetDefinition, 'filterBy'>,
  form: Pick<FormDefinition, 'fields'>,
): DashboardFilter[] => DASHBOARD_FILTERS.filter((f) => !widgetFilterSource(widget, form, f))
