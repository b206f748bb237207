import {
  type Actor,
  type ActorInApp,
  type FunnelStageQuery,
  type MeasureOp,
  type ReportQuery,
  type SeriesPoint,
  type SlaQuery,
  actorScopeUsers,
  createDepartmentStore,
  createIdentityStore,
  createReportStore,
  fieldAccess,
  rowScopes,
} from '@tessera/runtime'
import {
  type AppDefinition,
  Dec,
  type FormDefinition,
  type WidgetDefinition,
  notFilteredBy,
  widgetFilterSource,
} from '@tessera/schemas'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../app-context.js'
import { fail } from '../http-errors.js'
import { errorResponses } from '../http/common-schemas.js'

interface WidgetParams {
  app: string
  dashboard: string
  widget: string
}
interface WidgetQuery {
  from?: string
  to?: string
  region?: string
}

const pointSchema = {
  type: 'object',
  required: ['key', 'value'],
  properties: {
    key: { type: 'string' },
    label: { type: 'string' },
    group: { type: 'string' },
    value: { type: ['number', 'string'], description: 'counts are numbers, sums of money decimal strings' },
    count: { type: 'integer' },
    rate: { type: 'number' },
  },
} as const

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

/** A `from`/`to` bound: a date means the whole day (`to` inclusive), a datetime that instant. */
function parseBound(name: 'from' | 'to', raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined
  const dateOnly = DATE_ONLY.test(raw)
  const d = new Date(dateOnly ? `${raw}T00:00:00Z` : raw)
  const valid =
    !Number.isNaN(d.getTime()) &&
    (dateOnly ? d.toISOString().slice(0, 10) === raw : /^\d{4}-\d{2}-\d{2}T/.test(raw))
  if (!valid)
    throw fail(
      'BAD_REQUEST',
      `${name}: "${raw}" is not a date (YYYY-MM-DD) or an ISO 8601 datetime`,
      `${name}：“${raw}”不是日期（YYYY-MM-DD）或 ISO 8601 时间`,
      { field: name },
    )
  return dateOnly && name === 'to' ? new Date(d.getTime() + DAY_MS) : d
}

const notFound = (en: string, zh: string) => fail('NOT_FOUND', en, zh)

/**
 * GET /api/apps/:app/dashboards/:dashboard/widgets/:widget: a widget's figures computed in SQL over
 * the records the caller may read (the list API's row scope and hidden fields apply).
 */
export const dashboardRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const { definitions, store } = context
  const db = store.runtime.db
  const reports = createReportStore(db)
  const identity = createIdentityStore(db)
  const departments = createDepartmentStore(db)

  async function whoIs(appKey: string, def: AppDefinition, actor: Actor): Promise<ActorInApp> {
    const allRoles = def.roles.map((r) => r.key)
    if (actor.system || actor.isAdmin)
      return { actor, roles: allRoles, member: true, attributes: {}, team: [] }
    if (!actor.userId) return { actor, roles: [], member: false, attributes: {}, team: [] }
    const [mine, team, colleagues] = await Promise.all([
      identity.getMembership(appKey, actor.userId),
      identity.teamOf(appKey, actor.userId),
      departments.colleaguesOf(actor.userId),
    ])
    return {
      actor,
      roles: mine?.roles ?? [],
      member: mine !== undefined,
      attributes: mine?.attributes ?? {},
      team,
      colleagues,
    }
  }

  /** The records a widget reads for this caller, or 403 when they may read none of the form. */
  async function queryFor(
    appKey: string,
    def: AppDefinition,
    form: FormDefinition,
    widget: WidgetDefinition,
    query: WidgetQuery,
    actor: Actor,
  ): Promise<ReportQuery> {
    const from = parseBound('from', query.from)
    const to = parseBound('to', query.to)
    const who = await whoIs(appKey, def, actor)
    const scopes = rowScopes(form, who, 'read')
    if (scopes.every((s) => s === 'none'))
      throw fail('FORBIDDEN', `you may not read ${form.key} records`, `你无权查看 ${form.key} 记录`)
    const scope = actorScopeUsers(scopes, who, form.fields)
    const wf = def.workflows?.find((w) => w.form === form.key)
    // as in the list: a field hidden from the caller in any state is neither grouped nor measured
    const hidden = new Set<string>()
    if (wf)
      for (const s of wf.states)
        for (const f of form.fields) if (fieldAccess(f, wf, s, who) === 'hidden') hidden.add(f.key)
    const filter: Record<string, unknown> = { ...(widget.filter ?? {}) }
    // a widget that cannot take the region is not filtered by it (the answer's notFilteredBy says so)
    const region = query.region ? widgetFilterSource(widget, form, 'region') : undefined
    const memberWhere =
      region?.memberAttribute && query.region
        ? [{ field: region.field, attribute: region.memberAttribute, value: query.region }]
        : undefined
    if (region && !region.memberAttribute && query.region) {
      const own = filter[region.field]
      filter[region.field] =
        own && typeof own === 'object' && !Array.isArray(own)
          ? { ...own, eq: query.region }
          : { eq: query.region }
    }
    return {
      app: appKey,
      form: form.key,
      fields: form.fields,
      filter,
      hidden,
      ...(widget.dateField ? { dateField: widget.dateField } : {}),
      ...(memberWhere ? { memberWhere } : {}),
      ...(scope ? { scope } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    }
  }

  /** The relation target of each linked stage, as the report reads it. */
  function stagesOf(widget: WidgetDefinition, form: FormDefinition): FunnelStageQuery[] {
    return (widget.stages ?? []).map((stage) => {
      if (!stage.linked) return { key: stage.key, ...(stage.states ? { states: stage.states } : {}) }
      const field = form.fields.find((f) => f.key === stage.linked?.field)
      if (field?.type !== 'relation' || !field.target)
        throw fail(
          'BAD_REQUEST',
          `stage ${stage.key}: "${stage.linked.field}" is not a relation field of ${form.key}`,
          `阶段 ${stage.key}：“${stage.linked.field}”不是表单 ${form.key} 的关联字段`,
          { field: stage.linked.field },
        )
      return {
        key: stage.key,
        ...(stage.states ? { states: stage.states } : {}),
        linked: { field: field.key, form: field.target, states: stage.linked.states },
      }
    })
  }

  /** The widget's service level with the `after` of the timer it names. */
  function slaOf(widget: WidgetDefinition, def: AppDefinition): SlaQuery {
    const sla = widget.sla
    const timer = def.workflows
      ?.find((w) => w.form === widget.form)
      ?.timers?.find((t) => t.state === sla?.state && t.fire === sla?.timer)
    if (!sla || !timer)
      throw fail(
        'BAD_REQUEST',
        `widget ${widget.key}: no timer on state "${sla?.state ?? ''}" fires "${sla?.timer ?? ''}"`,
        `组件 ${widget.key}：状态“${sla?.state ?? ''}”上没有触发“${sla?.timer ?? ''}”的计时器`,
        { field: 'sla' },
      )
    return { state: sla.state, goal: sla.goal, after: timer.after }
  }

  function compute(
    widget: WidgetDefinition,
    q: ReportQuery,
    def: AppDefinition,
    form: FormDefinition,
    now: Date,
  ): Promise<SeriesPoint[]> {
    const measure = {
      op: (widget.measure?.op ?? 'count') as MeasureOp,
      ...(widget.measure?.field ? { field: widget.measure.field } : {}),
    }
    switch (widget.report) {
      case undefined:
        return reports.aggregate(q, widget.groupBy, measure, widget.memberAttribute)
      case 'funnel':
        return reports.funnel(q, stagesOf(widget, form), widget.groupBy)
      case 'sla':
        return reports.sla(q, slaOf(widget, def), now)
      case 'time_series':
        return reports.timeSeries(q, widget.time ?? { bucket: 'week' }, widget.groupBy, def.timeZone ?? 'UTC')
      case 'transitions':
        return reports.transitions(q, widget.transition ?? '', widget.groupBy)
      default:
        throw notFound(
          `report "${String(widget.report)}" is not one this server knows`,
          `服务器不认识报表“${String(widget.report)}”`,
        )
    }
  }

  /** Counts add up as a number, money as an exact decimal; a funnel's total is its leads. */
  function totalOf(widget: WidgetDefinition, series: SeriesPoint[]): number | string | undefined {
    const first = widget.stages?.[0]?.key
    const points = widget.report === 'funnel' ? series.filter((p) => p.key === first) : series
    if (widget.report === 'sla') return undefined
    if (points.every((p) => typeof p.value === 'number'))
      return points.reduce((n, p) => n + (p.value as number), 0)
    if (widget.measure?.op === 'sum') {
      // printed at the widest scale of its parts, as numeric prints a sum ("1000.10" + "0.30" is "1000.40")
      const scale = Math.max(0, ...points.map((p) => String(p.value).split('.')[1]?.length ?? 0))
      return points.reduce((s, p) => s.plus(new Dec(String(p.value))), new Dec(0)).toFixed(scale)
    }
    return undefined
  }

  app.get<{ Params: WidgetParams; Querystring: WidgetQuery }>(
    '/apps/:app/dashboards/:dashboard/widgets/:widget',
    {
      schema: {
        tags: ['dashboards'],
        summary: "A dashboard widget's figures, computed over the records the caller may read",
        params: {
          type: 'object',
          required: ['app', 'dashboard', 'widget'],
          properties: { app: { type: 'string' }, dashboard: { type: 'string' }, widget: { type: 'string' } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: {
              type: 'string',
              maxLength: 40,
              description: "the widget's dateField (else created_at) from (date or datetime)",
            },
            to: {
              type: 'string',
              maxLength: 40,
              description: "the widget's dateField (else created_at) to (a date is inclusive)",
            },
            region: {
              type: 'string',
              maxLength: 200,
              description:
                'a widget whose form has no region (nor filterBy.region) lists it in notFilteredBy',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['widget', 'series', 'generatedAt'],
            properties: {
              widget: { type: 'string' },
              series: { type: 'array', items: pointSchema },
              total: { type: ['number', 'string'] },
              notFilteredBy: {
                type: 'array',
                items: { type: 'string' },
                description: 'dashboard filters this widget cannot apply: its figures ignore them',
              },
              generatedAt: { type: 'string', format: 'date-time' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { app: appKey, dashboard, widget: widgetKey } = request.params
      const published = await definitions.latest(appKey)
      if (!published) throw notFound(`app "${appKey}" is not published`, `应用“${appKey}”未发布`)
      const def = published.definition
      const board = def.dashboards?.find((d) => d.key === dashboard)
      if (!board)
        throw notFound(
          `dashboard "${dashboard}" not found in ${appKey}`,
          `应用 ${appKey} 中没有仪表板“${dashboard}”`,
        )
      const widget = board.widgets.find((w) => w.key === widgetKey)
      if (!widget)
        throw notFound(
          `widget "${widgetKey}" not found in ${dashboard}`,
          `仪表板 ${dashboard} 中没有组件“${widgetKey}”`,
        )
      const form = def.forms.find((f) => f.key === widget.form)
      if (!form)
        throw notFound(
          `form "${widget.form}" not found in ${appKey}`,
          `应用 ${appKey} 中没有表单“${widget.form}”`,
        )
      const now = new Date()
      const q = await queryFor(appKey, def, form, widget, request.query, request.actor)
      const series = await compute(widget, q, def, form, now)
      const total = totalOf(widget, series)
      const unfiltered = notFilteredBy(widget, form)
      return {
        widget: widget.key,
        series,
        ...(total !== undefined ? { total } : {}),
        ...(unfiltered.length > 0 ? { notFilteredBy: unfiltered } : {}),
        generatedAt: now.toISOString(),
      }
    },
  )
}
