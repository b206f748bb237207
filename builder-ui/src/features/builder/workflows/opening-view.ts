import type { Point } from './graph-layout.js'

/** The smallest zoom at which a state's label and key can still be read. */
export const READABLE_ZOOM = 0.7
/** What of the graph a designer pane shows at that zoom, in graph units (about 880 x 580 px). */
const WINDOW = { width: 1250, height: 820 }

/**
 * The states to fit in view when the graph opens or is laid out again: all of them when they fit
 * at a readable zoom, else the initial state and what lies near it (to its right, above and
 * below), so the admin starts where records start and the mini-map shows the rest.
 */
export function openingNodes(
  positions: Record<string, Point>,
  initial: string | undefined,
): { id: string }[] {
  const points = Object.entries(positions)
  if (points.length === 0) return []
  const xs = points.map(([, p]) => p.x)
  const ys = points.map(([, p]) => p.y)
  const fitsAll =
    Math.max(...xs) - Math.min(...xs) <= WINDOW.width && Math.max(...ys) - Math.min(...ys) <= WINDOW.height
  const anchor = (initial && positions[initial]) || { x: Math.min(...xs), y: Math.min(...ys) }
  const near = ([, p]: [string, Point]) =>
    p.x >= anchor.x - 50 &&
    p.x <= anchor.x + WINDOW.width &&
    p.y >= anchor.y - WINDOW.height / 2 &&
    p.y <= anchor.y + WINDOW.height / 2
  return (fitsAll ? points : points.filter(near)).map(([id]) => ({ id }))
}
