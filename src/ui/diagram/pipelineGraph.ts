// The static shape of the diagram: the client, then kube-apiserver's stages in run order. Two rows of
// five, read left to right like text, so the labels stay legible in a half-width pane. Only the token and
// the node states move; the graph itself never changes, so it lives here and not in the store.
import type { Edge, Node } from '@xyflow/react'
import type { StageId } from '../../engine'
import { STAGES } from '../../state/stages'
import type { Selectable } from '../../state/types'
import { layoutServers, WEBHOOK_DROP, WEBHOOK_WIDTH } from './webhooks'
import type { WebhookServer, WebhookStage } from './webhooks'

export const NODE_WIDTH = 176
export const NODE_HEIGHT = 76
/** Side handles sit at a fixed height, so pipes stay straight when a node grows (plugin lists). */
export const HANDLE_Y = { top: 38 }
/** Room at the top for the legend and the token riding on the first row, at the right for the zoom buttons. */
export const FIT_VIEW_OPTIONS = {
  padding: { top: '52px', bottom: '20px', left: '24px', right: '60px' },
  // Below this the labels stop being legible; the learner can pan instead.
  minZoom: 0.6,
} as const
const COLUMN = 216
const ROW = 150

export interface StageNodeData extends Record<string, unknown> {
  stage: StageId
  title: string
  source: string
  index: number
}

export type StageNodeType = Node<StageNodeData, 'stage'>
export type ClientNodeType = Node<Record<string, never>, 'client'>
export type WebhookNodeType = Node<{ server: WebhookServer }, 'webhook'>
export type PipelineNode = StageNodeType | ClientNodeType | WebhookNodeType

const ORDER: Selectable[] = ['client', ...STAGES.map((s) => s.id)]

/** Top-left corner of each node in flow coordinates. */
export const POSITIONS: Record<Selectable, { x: number; y: number }> = Object.fromEntries(
  ORDER.map((id, i) => [id, { x: (i % 5) * COLUMN, y: Math.floor(i / 5) * ROW }]),
) as Record<Selectable, { x: number; y: number }>

export const pipelineNodes: PipelineNode[] = [
  { id: 'client', type: 'client', position: POSITIONS.client, data: {} },
  ...STAGES.map((s, i): StageNodeType => ({
    id: s.id,
    type: 'stage',
    position: POSITIONS[s.id],
    data: { stage: s.id, title: s.title, source: s.source, index: i + 1 },
  })),
]

export const pipelineEdges: Edge[] = ORDER.slice(1).map((target, i) => {
  const source = ORDER[i]!
  // The edge that wraps from the end of the first row to the start of the second leaves from the bottom.
  const wraps = i === 4
  return {
    id: `${source}->${target}`,
    source,
    target,
    type: 'pipe',
    sourceHandle: wraps ? 'bottom' : 'right',
    targetHandle: wraps ? 'top' : 'left',
    data: { target },
  }
})

/** Where the calls to webhook servers leave their admission node, and where the servers sit. */
export interface WebhookGeometry {
  anchors: Record<WebhookStage, { x: number; y: number }>
  servers: ReadonlyMap<string, { x: number; y: number }>
}

/**
 * The webhook servers the request called, as external nodes in a row under the admission stages, each
 * joined to the stage that calls it. `heights` are the admission nodes' rendered heights (a plugin list
 * makes them taller), so the row always clears them.
 */
export function webhookGraph(
  servers: readonly WebhookServer[],
  heights: Record<WebhookStage, number>,
): { nodes: WebhookNodeType[]; edges: Edge[]; geometry: WebhookGeometry } {
  const anchor = (stage: WebhookStage) => ({
    x: POSITIONS[stage].x + NODE_WIDTH / 2,
    y: POSITIONS[stage].y + heights[stage],
  })
  const anchors = {
    'mutating-admission': anchor('mutating-admission'),
    'validating-admission': anchor('validating-admission'),
  }
  // Never above the row's other nodes, even before the admission nodes are measured.
  const top = (stage: WebhookStage) =>
    Math.max(anchors[stage].y, POSITIONS[stage].y + NODE_HEIGHT) + WEBHOOK_DROP
  const at = layoutServers(
    servers,
    {
      'mutating-admission': anchors['mutating-admission'].x,
      'validating-admission': anchors['validating-admission'].x,
    },
    { 'mutating-admission': top('mutating-admission'), 'validating-admission': top('validating-admission') },
  )
  const nodes = servers.map((server): WebhookNodeType => ({
    id: server.id,
    type: 'webhook',
    position: at.get(server.id)!,
    data: { server },
    width: WEBHOOK_WIDTH,
  }))
  const edges = servers.map((server): Edge => ({
    id: `${server.stage}->${server.id}`,
    source: server.stage,
    target: server.id,
    type: 'webhook',
    sourceHandle: 'bottom',
    targetHandle: 'top',
    data: { server },
  }))
  return { nodes, edges, geometry: { anchors, servers: at } }
}
