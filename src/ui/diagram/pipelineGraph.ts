// The shape of the diagram: the client, then kube-apiserver's stages in run order, read left to right like
// text. Two rows of five in a half-width pane, more rows of fewer columns in a narrow one, so the labels
// stay legible at every width. Pure functions of the pane's size and the nodes' measured heights.
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
  // Below this the labels stop being legible; the column choice keeps most panes well above it.
  minZoom: 0.45,
} as const
const COLUMN = 216
/** The gap under a row of nodes; a row that calls webhook servers also makes room for them. */
const ROW_GAP = 74
/** A webhook server card's height before React Flow has measured one. */
export const WEBHOOK_HEIGHT = 120
/** The column counts the diagram can wrap to: two rows of five on a wide pane, five rows of two on a phone. */
export const COLUMN_CHOICES = [5, 4, 3, 2] as const
export type Columns = (typeof COLUMN_CHOICES)[number]

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

export type Positions = Record<Selectable, { x: number; y: number }>

/** What a layout needs to know about the nodes' sizes: measured heights, and where webhook servers hang. */
export interface LayoutSizes {
  heights?: Partial<Record<Selectable, number>>
  /** The stage each webhook server hangs under, one entry per server. */
  webhookStages?: readonly Selectable[]
  webhookHeight?: number
}

/**
 * Top-left corner of each node in flow coordinates, read left to right like text in `columns` columns,
 * and the extent of the whole. Each row is as tall as its tallest node (an open plugin list), plus room
 * for the webhook servers of the stages in it, so nothing overlaps however the diagram wraps.
 */
export function layoutGrid(
  columns: number,
  sizes: LayoutSizes = {},
): { positions: Positions; width: number; height: number } {
  const rows = Math.ceil(ORDER.length / columns)
  const positions = {} as Positions
  let top = 0
  let width = (Math.min(columns, ORDER.length) - 1) * COLUMN + NODE_WIDTH
  for (let r = 0; r < rows; r++) {
    const ids = ORDER.slice(r * columns, (r + 1) * columns)
    ids.forEach((id, c) => (positions[id] = { x: c * COLUMN, y: top }))
    const tallest = Math.max(NODE_HEIGHT, ...ids.map((id) => sizes.heights?.[id] ?? NODE_HEIGHT))
    const servers = (sizes.webhookStages ?? []).filter((stage) => ids.includes(stage)).length
    width = Math.max(width, servers * (WEBHOOK_WIDTH + 18))
    top += tallest + ROW_GAP + (servers ? WEBHOOK_DROP + (sizes.webhookHeight ?? WEBHOOK_HEIGHT) : 0)
  }
  return { positions, width, height: top - ROW_GAP }
}

/** Room the fit leaves around the nodes (the legend, the zoom buttons), in screen pixels. */
const FIT_MARGIN = { x: 84, y: 72 }

/**
 * The column count that draws the nodes largest in a pane of this size: five columns on a desktop, two on
 * a phone held upright. Ties go to more columns, the shape people have seen first.
 */
export function chooseColumns(width: number, height: number, sizes: LayoutSizes = {}): Columns {
  let best: Columns = 5
  let bestZoom = -Infinity
  for (const columns of COLUMN_CHOICES) {
    const extent = layoutGrid(columns, sizes)
    const zoom = Math.min((width - FIT_MARGIN.x) / extent.width, (height - FIT_MARGIN.y) / extent.height)
    if (zoom > bestZoom + 0.02) {
      best = columns
      bestZoom = zoom
    }
  }
  return best
}

export function pipelineNodes(positions: Positions): PipelineNode[] {
  return [
    { id: 'client', type: 'client', position: positions.client, data: {} },
    ...STAGES.map((s, i): StageNodeType => ({
      id: s.id,
      type: 'stage',
      position: positions[s.id],
      data: { stage: s.id, title: s.title, source: s.source, index: i + 1 },
    })),
  ]
}

export function pipelineEdges(columns: number): Edge[] {
  return ORDER.slice(1).map((target, i) => {
    const source = ORDER[i]!
    // An edge that wraps from the end of one row to the start of the next leaves from the bottom.
    const wraps = i % columns === columns - 1
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
}

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
  positions: Positions,
): { nodes: WebhookNodeType[]; edges: Edge[]; geometry: WebhookGeometry } {
  const anchor = (stage: WebhookStage) => ({
    x: positions[stage].x + NODE_WIDTH / 2,
    y: positions[stage].y + heights[stage],
  })
  const anchors = {
    'mutating-admission': anchor('mutating-admission'),
    'validating-admission': anchor('validating-admission'),
  }
  // Never above the row's other nodes, even before the admission nodes are measured.
  const top = (stage: WebhookStage) =>
    Math.max(anchors[stage].y, positions[stage].y + NODE_HEIGHT) + WEBHOOK_DROP
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
