import { ViewportPortal } from '@xyflow/react'
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react'
import { useApp } from '../../state/hooks'
import type { Speed } from '../../state/types'
import type { WebhookGeometry } from './pipelineGraph'
import { callState, REPLY_LABELS, WEBHOOK_WIDTH } from './webhooks'
import type { WebhookCall } from './webhooks'

type Point = { x: number; y: number }

const REDUCED = '(prefers-reduced-motion: reduce)'

function subscribeReduced(onChange: () => void) {
  const query = matchMedia(REDUCED)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

const reducedNow = () => matchMedia(REDUCED).matches

const at = (p: Point) => `translate(${p.x}px, ${p.y}px) translate(-50%, -50%)`

/**
 * One call: the AdmissionReview leaves the admission node, waits at the server for as long as the server
 * takes (squeezed, see stepTimings), and the answer rides back. Each chip is visible only while it
 * travels or waits, so the calls of a mutating step take turns and those of a validating step go together.
 */
function ReviewToken({
  call,
  from,
  to,
  speed,
}: {
  call: WebhookCall
  from: Point
  to: Point
  speed: number
}) {
  const request = useRef<HTMLDivElement>(null)
  const reply = useRef<HTMLDivElement>(null)
  const { start, out, wait, back } = call.timing
  const [fx, fy, tx, ty] = [from.x, from.y, to.x, to.y]

  useLayoutEffect(() => {
    const here = at({ x: fx, y: fy })
    const there = at({ x: tx, y: ty })
    const away = (out + wait) / speed
    const going = request.current?.animate(
      [
        { transform: here, opacity: 1, offset: 0 },
        { transform: there, opacity: 1, offset: out / (out + wait) },
        { transform: there, opacity: 1, offset: 1 },
      ],
      { duration: away, delay: start / speed, easing: 'linear' },
    )
    const coming = reply.current?.animate(
      [
        { transform: there, opacity: 1 },
        { transform: here, opacity: 1 },
      ],
      { duration: back / speed, delay: (start + out + wait) / speed, easing: 'ease-in-out' },
    )
    return () => {
      going?.cancel()
      coming?.cancel()
    }
  }, [fx, fy, tx, ty, speed, start, out, wait, back])

  const state = callState(call)
  return (
    <>
      <div
        ref={request}
        className="webhook-token webhook-token--request"
        data-testid="webhook-token"
        data-leg="request"
        data-webhook={call.webhook}
      >
        AdmissionReview
      </div>
      <div
        ref={reply}
        className={`webhook-token webhook-token--reply webhook-token--${state}`}
        data-testid="webhook-token"
        data-leg="reply"
        data-webhook={call.webhook}
        data-state={state}
      >
        {REPLY_LABELS[state]}
      </div>
    </>
  )
}

/** The webhook calls of the step being played, as chips travelling to the servers and back. */
export function WebhookTokens({
  calls,
  geometry,
}: {
  calls: readonly WebhookCall[]
  geometry: WebhookGeometry
}) {
  const position = useApp((s) => s.position)
  const entry = useApp((s) => {
    const step = s.steps[s.position]
    return step?.kind === 'entry' ? step.entry : -1
  })
  const speed: Speed = useApp((s) => s.speed)
  const reduced = useSyncExternalStore(subscribeReduced, reducedNow, () => false)
  const now = calls.filter((c) => c.entry === entry && c.called)
  if (!now.length || speed === 'instant' || reduced) return null

  return (
    <ViewportPortal>
      {now.map((call, i) => {
        const server = geometry.servers.get(`webhook:${call.serverId}`)
        if (!server) return null
        return (
          <ReviewToken
            key={`${position}-${i}`}
            call={call}
            from={geometry.anchors[call.stage]}
            to={{ x: server.x + WEBHOOK_WIDTH / 2, y: server.y }}
            speed={speed}
          />
        )
      })}
    </ViewportPortal>
  )
}
