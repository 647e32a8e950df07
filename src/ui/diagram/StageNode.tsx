import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import { useApp, useStageView } from '../../state/hooks'
import { selectFocusedStage } from '../../state/selectors'
import { PluginList } from './PluginList'
import { HANDLE_Y } from './pipelineGraph'
import type { StageNodeType } from './pipelineGraph'
import { StateBadge } from './StateBadge'

/** One stage of kube-apiserver. It subscribes to its own state, so a step re-renders only the nodes it changes. */
export const StageNode = memo(function StageNode({ data }: NodeProps<StageNodeType>) {
  const view = useStageView(data.stage)
  const focused = useApp((s) => selectFocusedStage(s) === data.stage)
  const phase =
    data.stage === 'mutating-admission'
      ? 'mutating'
      : data.stage === 'validating-admission'
        ? 'validating'
        : null

  return (
    <div
      className="stage-node"
      data-stage={data.stage}
      data-state={view.state}
      data-focused={focused || undefined}
      title={`${data.title}: ${data.source}`}
    >
      <Handle type="target" position={Position.Left} id="left" isConnectable={false} style={HANDLE_Y} />
      <Handle type="target" position={Position.Top} id="top" isConnectable={false} />
      <div className="stage-node__head">
        <span className="stage-node__index" aria-hidden="true">
          {data.index}
        </span>
        <span className="stage-node__title">{data.title}</span>
      </div>
      <div className="stage-node__foot">
        <StateBadge state={view.state} changes={view.changes} />
      </div>
      {phase && <PluginList stage={data.stage} phase={phase} />}
      <Handle type="source" position={Position.Right} id="right" isConnectable={false} style={HANDLE_Y} />
      <Handle type="source" position={Position.Bottom} id="bottom" isConnectable={false} />
    </div>
  )
})
