import { ClockCircleOutlined, UserOutlined } from '@ant-design/icons'
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react'
import { Space, Tag, Typography } from 'antd'
import { memo } from 'react'
import { NODE_HEIGHT, NODE_WIDTH } from './graph-layout.js'

export interface StateNodeData extends Record<string, unknown> {
  title: string
  stateKey: string
  initial: boolean
  final: boolean
  problems: number
  timers: string[]
  assignee: string | null
  badges: { initial: string; final: string }
}

export type StateNode = Node<StateNodeData, 'state'>

/** A state on the workflow canvas; drag from the right handle to another state to add a transition. */
export const StateNodeView = memo(function StateNodeView({ data, selected }: NodeProps<StateNode>) {
  return (
    <div
      data-state-key={data.stateKey}
      style={{
        width: NODE_WIDTH,
        minHeight: NODE_HEIGHT,
        padding: '6px 10px',
        borderRadius: data.final ? 24 : 8,
        border: `${data.final ? 3 : 1}px ${data.final ? 'double' : 'solid'} ${selected ? '#3056d3' : data.problems ? '#fa541c' : '#8c8c8c'}`,
        boxShadow: selected ? '0 0 0 3px rgba(48,86,211,0.25)' : undefined,
        background: data.initial ? '#f0f5ff' : '#fff',
      }}
    >
      <Handle type="target" position={Position.Left} style={{ width: 10, height: 10 }} />
      <Space size={4} wrap>
        <Typography.Text strong ellipsis style={{ maxWidth: 130 }}>
          {data.title}
        </Typography.Text>
        {data.initial && <Tag color="blue">{data.badges.initial}</Tag>}
        {data.final && <Tag>{data.badges.final}</Tag>}
        {data.problems > 0 && <Tag color="volcano">{data.problems}</Tag>}
      </Space>
      <div>
        <Typography.Text type="secondary" code style={{ fontSize: 11 }}>
          {data.stateKey}
        </Typography.Text>
      </div>
      {(data.assignee || data.timers.length > 0) && (
        <Space size={6} style={{ fontSize: 11 }}>
          {data.assignee && (
            <span>
              <UserOutlined /> {data.assignee}
            </span>
          )}
          {data.timers.map((timer) => (
            <span key={timer}>
              <ClockCircleOutlined /> {timer}
            </span>
          ))}
        </Space>
      )}
      <Handle
        type="source"
        position={Position.Right}
        style={{ width: 12, height: 12, background: '#3056d3' }}
      />
    </div>
  )
})
