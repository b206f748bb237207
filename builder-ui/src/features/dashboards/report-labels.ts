import type { Label } from '@tessera/schemas'

/** Names of the keys the server's named reports answer with (funnel stages, SLA figures). */
export const REPORT_LABELS: Record<string, Label> = {
  lead: { en: 'Leads', 'zh-CN': '线索' },
  mql: { en: 'MQL', 'zh-CN': '市场认可线索 (MQL)' },
  sal: { en: 'SAL', 'zh-CN': '销售接受线索 (SAL)' },
  opportunity: { en: 'Opportunity', 'zh-CN': '商机' },
  won: { en: 'Won', 'zh-CN': '赢单' },
  median_hours_to_accept: { en: 'Median hours to accept', 'zh-CN': '接受用时中位数（小时）' },
  breached_share: { en: 'Share breached (24h)', 'zh-CN': '超时比例（24 小时）' },
  handoffs: { en: 'Handoffs', 'zh-CN': '移交次数' },
}
