import { ViewportPortal } from '@xyflow/react'
import { useApp, useAppShallow } from '../../state/hooks'
import { selectCurrentCall, selectTokenAt } from '../../state/selectors'
import { reasonPhrase } from '../format'
import { MOVE_MS } from '../../state/timeline'
import { useContext } from 'react'
import { NODE_WIDTH } from './pipelineGraph'
import { PositionsContext } from './positionsContext'

function kindOf(body: string | undefined): string | null {
  if (!body) return null
  try {
    const parsed = JSON.parse(body) as { kind?: unknown }
    return typeof parsed.kind === 'string' ? parsed.kind : null
  } catch {
    return null
  }
}

/**
 * The request itself: a chip riding on top of the node it is in. It glides between nodes with a CSS
 * transition on its transform (none under prefers-reduced-motion), and goes back to kubectl carrying the
 * HTTP status.
 */
export function RequestToken() {
  const token = useAppShallow(selectTokenAt)
  const call = useApp(selectCurrentCall)
  const speed = useApp((s) => s.speed)
  const positions = useContext(PositionsContext)
  if (!call) return null
  const { x, y } = positions[token.at]
  const verb = call.requestInfo?.verb ?? call.request.method
  const kind = call.decodedObject?.kind ?? kindOf(call.request.body) ?? call.requestInfo?.resource ?? ''
  const tone = token.code === null ? 'travelling' : token.code < 400 ? 'ok' : 'error'
  const duration = speed === 'instant' ? 0 : Math.round(MOVE_MS / speed)

  return (
    <ViewportPortal>
      <div
        className={`request-token request-token--${tone}`}
        data-testid="request-token"
        data-at={token.at}
        style={{
          transform: `translate(${x + NODE_WIDTH / 2}px, ${y - 14}px) translate(-50%, 0)`,
          transitionDuration: `${duration}ms`,
        }}
      >
        {token.code === null ? (
          <>
            <b>{verb}</b> {kind}
          </>
        ) : (
          <>
            <b>{token.code}</b> {reasonPhrase(token.code)}
          </>
        )}
      </div>
    </ViewportPortal>
  )
}
