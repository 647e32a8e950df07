import { BaseEdge, getSmoothStepPath } from '@xyflow/react'
import type { Edge, EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import type { StageId } from '../../engine'
import { useStageView } from '../../state/hooks'

type PipeEdgeType = Edge<{ target: StageId }, 'pipe'>

/** A pipe between two stages; it lights up once the request has gone through it. */
export const PipeEdge = memo(function PipeEdge(props: EdgeProps<PipeEdgeType>) {
  const view = useStageView(props.data!.target)
  const [path] = getSmoothStepPath({ ...props, borderRadius: 14 })
  const travelled = view.state !== 'idle'
  return (
    <BaseEdge
      id={props.id}
      path={path}
      className={`pipe-edge ${travelled ? 'pipe-edge--travelled' : ''} ${view.state === 'active' ? 'pipe-edge--active' : ''}`}
    />
  )
})
