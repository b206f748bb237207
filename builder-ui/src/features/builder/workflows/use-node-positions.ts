import type { WorkflowDefinition } from '@tessera/schemas'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { layoutWorkflow, type Point } from './graph-layout.js'

const storageKey = (app: string, workflow: string) => `tessera.builder.positions.${app}.${workflow}`

function read(app: string, workflow: string): Record<string, Point> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(app, workflow)) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Point>) : {}
  } catch {
    return {}
  }
}

/**
 * Where each state's node sits. Positions are the admin's arrangement, not part of the app
 * definition (which the meta-schema keeps to what the runtime needs), so they live in this
 * browser; states never placed get the automatic layout.
 */
export function useNodePositions(app: string, workflow: WorkflowDefinition) {
  const [saved, setSaved] = useState<Record<string, Point>>(() => read(app, workflow.key))
  useEffect(() => setSaved(read(app, workflow.key)), [app, workflow.key])
  const auto = useMemo(() => layoutWorkflow(workflow), [workflow])
  const positions = useMemo(() => {
    const out: Record<string, Point> = {}
    for (const state of workflow.states)
      out[state.key] = saved[state.key] ?? auto[state.key] ?? { x: 0, y: 0 }
    return out
  }, [workflow.states, saved, auto])
  const persist = useCallback(
    (next: Record<string, Point>) => {
      setSaved(next)
      localStorage.setItem(storageKey(app, workflow.key), JSON.stringify(next))
    },
    [app, workflow.key],
  )
  const move = useCallback(
    (key: string, at: Point) => persist({ ...positions, [key]: at }),
    [persist, positions],
  )
  const relayout = useCallback(() => persist(layoutWorkflow(workflow)), [persist, workflow])
  return { positions, move, relayout }
}
