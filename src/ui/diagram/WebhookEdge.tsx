import { BaseEdge, getStraightPath } from '@xyflow/react'
import type { Edge, EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { useServerStatus } from './useWebhooks'
import { serverState } from './webhooks'
import type { WebhookServer } from './webhooks'

type WebhookEdgeType = Edge<{ server: WebhookServer }, 'webhook'>

/** The HTTPS call from an admission stage to a webhook server: dashed until made, then its answer's colour. */
export const WebhookEdge = memo(function WebhookEdge(props: EdgeProps<WebhookEdgeType>) {
  const server = props.data!.server
  const status = useServerStatus(server)
  const [path] = getStraightPath(props)
  const state = status.phase === 'done' ? serverState(server.calls.slice(0, status.done)) : null
  return (
    <BaseEdge
      id={props.id}
      path={path}
      className={`webhook-edge webhook-edge--${status.phase}${state ? ` webhook-edge--${state}` : ''}`}
    />
  )
})
