import { Handle, Position } from '@xyflow/react'
import type { Node, NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { AccessNode } from '../../worker/access'

export type AccessFlowNode = Node<{ node: AccessNode; focused: boolean }, 'access'>

/** One subject, binding, role or rule; subjects are buttons (click to focus on their paths). */
export const AccessNodeView = memo(function AccessNodeView({ data }: NodeProps<AccessFlowNode>) {
  const { node, focused } = data
  return (
    <div
      className="access-node"
      data-kind={node.kind}
      data-type={node.type}
      data-focused={focused || undefined}
      data-testid={`access-node-${node.kind}`}
      title={node.kind === 'subject' ? 'Click to show only this subject’s paths' : undefined}
    >
      {node.kind !== 'subject' && <Handle type="target" position={Position.Left} isConnectable={false} />}
      {node.kind !== 'rule' && (
        <span className="access-node__type">
          {node.type}
          {node.namespace ? <span className="access-node__ns"> · {node.namespace}</span> : null}
        </span>
      )}
      <span className="access-node__label">{node.label}</span>
      {node.kind !== 'rule' && <Handle type="source" position={Position.Right} isConnectable={false} />}
    </div>
  )
})
