import { Background, Controls, ReactFlow, ReactFlowProvider, useStore } from '@xyflow/react'
import type { EdgeTypes, NodeMouseHandler, NodeTypes } from '@xyflow/react'
import { useCallback, useMemo } from 'react'
import { useActions, useApp } from '../../state/hooks'
import type { Selectable } from '../../state/types'
import { AutoFit } from './AutoFit'
import { ClientNode } from './ClientNode'
import { Legend } from './Legend'
import { PipeEdge } from './PipeEdge'
import { FIT_VIEW_OPTIONS, NODE_HEIGHT, pipelineEdges, pipelineNodes, webhookGraph } from './pipelineGraph'
import type { PipelineNode } from './pipelineGraph'
import { RequestToken } from './RequestToken'
import { StageNode } from './StageNode'
import { usePlaybackClock } from './usePlaybackClock'
import { useCallWebhooks } from './useWebhooks'
import { WebhookEdge } from './WebhookEdge'
import { WebhookNode } from './WebhookNode'
import { WebhookTokens } from './WebhookTokens'

// Module scope, so React Flow never sees new type maps (it would remount every node).
const nodeTypes: NodeTypes = { stage: StageNode, client: ClientNode, webhook: WebhookNode }
const edgeTypes: EdgeTypes = { pipe: PipeEdge, webhook: WebhookEdge }

export function PipelineDiagram() {
  return (
    <ReactFlowProvider>
      <Diagram />
    </ReactFlowProvider>
  )
}

function Diagram() {
  const { selectStage } = useActions()
  const theme = useApp((s) => s.theme)
  const openLists = useApp((s) => s.openPluginLists.length)
  usePlaybackClock()
  const { calls, servers } = useCallWebhooks()
  // The admission nodes grow when their plugin list opens; the webhook servers sit below them.
  const mutatingHeight = useStore(
    (s) => s.nodeLookup.get('mutating-admission')?.measured.height ?? NODE_HEIGHT,
  )
  const validatingHeight = useStore(
    (s) => s.nodeLookup.get('validating-admission')?.measured.height ?? NODE_HEIGHT,
  )
  const webhooks = useMemo(
    () =>
      servers.length
        ? webhookGraph(servers, {
            'mutating-admission': mutatingHeight,
            'validating-admission': validatingHeight,
          })
        : null,
    [servers, mutatingHeight, validatingHeight],
  )
  const nodes: PipelineNode[] = useMemo(
    () => (webhooks ? [...pipelineNodes, ...webhooks.nodes] : pipelineNodes),
    [webhooks],
  )
  const edges = useMemo(() => (webhooks ? [...pipelineEdges, ...webhooks.edges] : pipelineEdges), [webhooks])

  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => {
      const { server } = node.data as { server?: { stage: Selectable } }
      selectStage(server ? server.stage : (node.id as Selectable))
    },
    [selectStage],
  )

  return (
    <div className="diagram" aria-label="The request's path through kube-apiserver">
      <ReactFlow
        nodes={nodes}
        edges={edges}
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
        {webhooks && <WebhookTokens calls={calls} geometry={webhooks.geometry} />}
        <RequestToken />
        <Legend />
        <AutoFit
          version={`${openLists}|${servers.map((s) => s.id).join(',')}|${webhooks?.nodes[0]?.position.y ?? ''}`}
        />
      </ReactFlow>
    </div>
  )
}
