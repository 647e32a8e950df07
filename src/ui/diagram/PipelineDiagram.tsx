import { Background, Controls, ReactFlow } from '@xyflow/react'
import type { EdgeTypes, NodeMouseHandler, NodeTypes } from '@xyflow/react'
import { useCallback } from 'react'
import { useActions, useApp } from '../../state/hooks'
import type { Selectable } from '../../state/types'
import { AutoFit } from './AutoFit'
import { ClientNode } from './ClientNode'
import { Legend } from './Legend'
import { PipeEdge } from './PipeEdge'
import { FIT_VIEW_OPTIONS, pipelineEdges, pipelineNodes } from './pipelineGraph'
import { RequestToken } from './RequestToken'
import { StageNode } from './StageNode'
import { usePlaybackClock } from './usePlaybackClock'

// Module scope, so React Flow never sees new type maps (it would remount every node).
const nodeTypes: NodeTypes = { stage: StageNode, client: ClientNode }
const edgeTypes: EdgeTypes = { pipe: PipeEdge }

export function PipelineDiagram() {
  const { selectStage } = useActions()
  const theme = useApp((s) => s.theme)
  const openLists = useApp((s) => s.openPluginLists.length)
  usePlaybackClock()

  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => selectStage(node.id as Selectable),
    [selectStage],
  )

  return (
    <div className="diagram" aria-label="The request's path through kube-apiserver">
      <ReactFlow
        nodes={pipelineNodes}
        edges={pipelineEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.3}
        maxZoom={1.6}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        onNodeClick={onNodeClick}
        zoomOnScroll={false}
        preventScrolling={false}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="bottom-right" />
        <RequestToken />
        <Legend />
        <AutoFit version={openLists} />
      </ReactFlow>
    </div>
  )
}
