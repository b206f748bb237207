import { BaseEdge, type Edge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react'
import { memo } from 'react'

export interface TransitionEdgeData extends Record<string, unknown> {
  title: string
  transition: string
  problems: number
  system: boolean
  /** the label is drawn outside the edge layer, so it selects through this rather than onEdgeClick. */
  onPick: (transition: string) => void
}

export type TransitionEdgeType = Edge<TransitionEdgeData, 'transition'>

/** A transition: a smooth step between two states, or a loop above the state for one that re-enters it. */
export const TransitionEdgeView = memo(function TransitionEdgeView(props: EdgeProps<TransitionEdgeType>) {
  const {
    id,
    source,
    target,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props
  let path: string
  let labelX: number
  let labelY: number
  if (source === target) {
    // Right handle out, left handle in: an arc over the node's top.
    const top = Math.min(sourceY, targetY) - 70
    path = `M ${sourceX} ${sourceY} C ${sourceX + 60} ${top}, ${targetX - 60} ${top}, ${targetX} ${targetY}`
    labelX = (sourceX + targetX) / 2
    labelY = top + 14
  } else {
    ;[path, labelX, labelY] = getSmoothStepPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
      borderRadius: 12,
    })
  }
  const color = selected ? '#3056d3' : data?.problems ? '#fa541c' : '#8c8c8c'
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{
          stroke: color,
          strokeWidth: selected ? 2.5 : 1.5,
          strokeDasharray: data?.system ? '5 4' : undefined,
        }}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className="nodrag nopan"
          data-transition-key={data?.transition}
          style={{
            position: 'absolute',
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            background: '#fff',
            border: `1px solid ${color}`,
            borderRadius: 4,
            padding: '0 6px',
            fontSize: 11,
            pointerEvents: 'all',
            cursor: 'pointer',
          }}
          onClick={() => data?.onPick(data.transition)}
        >
          {data?.title}
        </button>
      </EdgeLabelRenderer>
    </>
  )
})
