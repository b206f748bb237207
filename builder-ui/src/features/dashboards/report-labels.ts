import type { WidgetDefinition, WorkflowDefinition } from '@tessera/schemas'
import type { I18n } from '../../i18n/i18n-context.js'

/** `PT24H` as `24h`, `P3D` as `3d`: short enough for a figure's title. */
const shortDuration = (iso: string) =>
  iso
    .replace(/^P(T?)/, '')
    .replace(/T/, '')
    .toLowerCase()

/**
 * The name of a key a server report answers with, read from the widget's own definition: a
 * funnel's stage labels, an SLA's states and timer. Undefined for keys that are field values.
 */
export function reportKeyName(
  widget: WidgetDefinition,
  key: string,
  workflow: WorkflowDefinition | undefined,
  { t, label }: Pick<I18n, 't' | 'label'>,
): string | undefined {
  if (widget.report === 'funnel') {
    const stage = widget.stages?.find((s) => s.key === key)
    return stage ? label(stage.label, stage.key) : undefined
  }
  const sla = widget.sla
  if (widget.report !== 'sla' || !sla) return undefined
  const state = (k: string) => label(workflow?.states.find((s) => s.key === k)?.label, k)
  const timer = workflow?.timers?.find((x) => x.state === sla.state && x.fire === sla.timer)
  if (key === 'median_hours') return t('dashboard.sla.medianHours', { state: state(sla.goal) })
  if (key === 'breached_share')
    return t('dashboard.sla.breachedShare', { after: timer ? shortDuration(timer.after) : sla.timer })
  if (key === 'entries') return t('dashboard.sla.entries', { state: state(sla.state) })
  return undefined
}
