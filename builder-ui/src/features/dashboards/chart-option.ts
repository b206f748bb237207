import type { WidgetDefinition } from '@tessera/schemas'
import type { Bucket } from './aggregate.js'

/** How many bars of names fit side by side in a card before the axis scrolls. */
const SIDE_BY_SIDE = 12

/**
 * The ECharts option for a widget. Tooltips render as rich text on the canvas, not as HTML, so a
 * value someone typed as `<script>` shows as those characters.
 */
export function chartOption(
  widget: WidgetDefinition,
  buckets: Bucket[],
  name: (key: string) => string,
  lang = 'en',
): Record<string, unknown> {
  const data = buckets.map((b) => ({ name: name(b.key), value: Number(b.value), key: b.key }))
  const num = (v: number) => new Intl.NumberFormat(lang).format(v)
  const tooltip = {
    trigger: widget.type === 'pie' || widget.type === 'funnel' ? 'item' : 'axis',
    renderMode: 'richText',
  }
  if (widget.type === 'pie')
    return {
      tooltip,
      series: [
        {
          type: 'pie',
          // the donut leaves room around it for its numbers and below it for the legend
          radius: ['30%', '52%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          data,
          // each slice says how many and what share (a donut without numbers answers nothing); its
          // name is in the legend, where a long one ("No budget this year") has the card's width
          label: {
            position: 'outside',
            formatter: (p: { value: number; percent: number }) =>
              `${num(p.value)} (${Math.round(p.percent)}%)`,
          },
          labelLine: { show: true, length: 8, length2: 8 },
        },
      ],
      legend: { type: 'scroll', bottom: 0, left: 'center' },
    }
  if (widget.type === 'funnel') {
    const top = data[0]?.value ?? 0
    return {
      tooltip,
      series: [
        {
          type: 'funnel',
          sort: 'none',
          data,
          // the funnel takes the left part; its labels stand beside it, where they fit
          left: '4%',
          width: '52%',
          minSize: '8%',
          // conversion rate against the first stage, the question a funnel answers
          label: {
            position: 'right',
            formatter: (p: { name: string; value: number }) =>
              `${p.name}: ${num(p.value)}${top ? ` (${Math.round((p.value / top) * 100)}%)` : ''}`,
          },
          labelLine: { show: true },
        },
      ],
    }
  }
  if (buckets.some((b) => b.group !== undefined)) return groupedOption(widget, buckets, name, tooltip)
  // more names than fit side by side (35 reps): the first ones show, a slider scrolls to the rest
  const scrolls = data.length > SIDE_BY_SIDE
  return {
    tooltip,
    grid: { left: 48, right: 16, top: 16, bottom: scrolls ? 72 : 48, containLabel: true },
    ...(scrolls && {
      dataZoom: [
        { type: 'slider', xAxisIndex: 0, startValue: 0, endValue: SIDE_BY_SIDE - 1, height: 14, bottom: 8 },
        { type: 'inside', xAxisIndex: 0 },
      ],
    }),
    xAxis: {
      type: 'category',
      data: data.map((d) => d.name),
      // names (reps, sources) tilt and shorten before they run into each other
      axisLabel: {
        interval: 0,
        rotate: data.length > 4 || data.some((d) => d.name.length > 12) ? 35 : 0,
        width: 110,
        overflow: 'truncate',
      },
    },
    yAxis: { type: 'value' },
    series: [{ type: widget.type === 'line' ? 'line' : 'bar', data }],
  }
}

/** Two dimensions (leads per week and source): one line or bar series per group, keys along the axis. */
function groupedOption(
  widget: WidgetDefinition,
  buckets: Bucket[],
  name: (key: string) => string,
  tooltip: Record<string, unknown>,
): Record<string, unknown> {
  const keys = [...new Set(buckets.map((b) => b.key))]
  const groups = [...new Set(buckets.map((b) => b.group ?? ''))]
  return {
    tooltip,
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: keys.map(name) },
    yAxis: { type: 'value' },
    series: groups.map((g) => ({
      type: widget.type === 'line' ? 'line' : 'bar',
      name: g,
      data: keys.map((k) => {
        const b = buckets.find((x) => x.key === k && (x.group ?? '') === g)
        return { value: b ? Number(b.value) : 0, key: k }
      }),
    })),
  }
}
