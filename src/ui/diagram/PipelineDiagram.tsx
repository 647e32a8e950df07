import { Background, Controls, ReactFlow, ReactFlowProvider, useStore } from '@xyflow/react'
import type { Dimensions, EdgeTypes, NodeChange, NodeMouseHandler, NodeTypes } from '@xyflow/react'
import { useCallback, useMemo, useState } from 'react'
import type { KeyboardEvent, MouseEvent as ReactMouseEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useActions, useApp } from '../../state/hooks'
import type { Selectable } from '../../state/types'
import { AutoFit } from './AutoFit'
import { ClientNode } from './ClientNode'
import { Legend } from './Legend'
import { PipeEdge } from './PipeEdge'
import {
  chooseColumns,
  FIT_VIEW_OPTIONS,
  layoutGrid,
  NODE_HEIGHT,
  pipelineEdges,
  pipelineNodes,
  WEBHOOK_HEIGHT,
  webhookGraph,
} from './pipelineGraph'
import type { PipelineNode } from './pipelineGraph'
import { PositionsContext } from './positionsContext'
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
  // React Flow measures the nodes; the layout needs their heights (an open plugin list makes an admission
  // node taller, webhook servers hang below it), and a node handed over again without them would be hidden
  // until measured anew. So the measurements are kept here and passed back with every layout.
  const [sizes, setSizes] = useState<ReadonlyMap<string, Dimensions>>(new Map())
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const measured = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [c] : []))
    if (measured.length === 0) return
    setSizes((previous) => {
      const next = new Map(previous)
      for (const c of measured) next.set(c.id, c.dimensions!)
      return next
    })
  }, [])
  const mutatingHeight = sizes.get('mutating-admission')?.height ?? NODE_HEIGHT
  const validatingHeight = sizes.get('validating-admission')?.height ?? NODE_HEIGHT
  const webhookHeight =
    Math.max(0, ...servers.map((server) => sizes.get(server.id)?.height ?? 0)) || WEBHOOK_HEIGHT
  const pane = useStore(useShallow((s) => ({ width: s.width, height: s.height })))
  const webhookStages = useMemo(() => servers.map((s) => s.stage), [servers])
  const layout = useMemo(() => {
    const sizes = {
      heights: { 'mutating-admission': mutatingHeight, 'validating-admission': validatingHeight },
      webhookStages,
      webhookHeight,
    }
    const columns = pane.width && pane.height ? chooseColumns(pane.width, pane.height, sizes) : 5
    return { columns, positions: layoutGrid(columns, sizes).positions }
  }, [pane.width, pane.height, mutatingHeight, validatingHeight, webhookStages, webhookHeight])
  const webhooks = useMemo(
    () =>
      servers.length
        ? webhookGraph(
            servers,
            { 'mutating-admission': mutatingHeight, 'validating-admission': validatingHeight },
            layout.positions,
          )
        : null,
    [servers, mutatingHeight, validatingHeight, layout.positions],
  )
  const nodes: PipelineNode[] = useMemo(() => {
    const stages = pipelineNodes(layout.positions)
    const all = webhooks ? [...stages, ...webhooks.nodes] : stages
    return all.map((node) => ({ ...node, measured: sizes.get(node.id) }))
  }, [webhooks, layout.positions, sizes])
  const edges = useMemo(() => {
    const pipes = pipelineEdges(layout.columns)
    return webhooks ? [...pipes, ...webhooks.edges] : pipes
  }, [webhooks, layout.columns])

  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => {
      const { server } = node.data as { server?: { stage: Selectable } }
      selectStage(server ? server.stage : (node.id as Selectable))
    },
    [selectStage],
  )

  // React Flow makes each node a Tab stop but leaves Enter to selection, which this diagram does not use:
  // Enter or Space on a node opens its stage in the inspector, as a click does.
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      const id = (event.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id')
      const node = id ? nodes.find((n) => n.id === id) : undefined
      if (!node) return
      event.preventDefault()
      onNodeClick(event as unknown as ReactMouseEvent, node)
    },
    [nodes, onNodeClick],
  )

  return (
    <div
      onKeyDown={onKeyDown}
      className="diagram"
      aria-label="The request's path through kube-apiserver"
      data-columns={layout.columns}
    >
      <PositionsContext.Provider value={layout.positions}>
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
          onNodesChange={onNodesChange}
          zoomOnScroll={false}
          preventScrolling={false}
        >
          <Background gap={24} size={1} />
          <Controls showInteractive={false} position="bottom-right" />
          {webhooks && <WebhookTokens calls={calls} geometry={webhooks.geometry} />}
          <RequestToken />
          <Legend />
          <AutoFit
            version={`${openLists}|${layout.columns}|${servers.map((s) => s.id).join(',')}|${webhooks?.nodes[0]?.position.y ?? ''}`}
          />
        </ReactFlow>
      </PositionsContext.Provider>
    </div>
  )
}
