import { useEffect } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { selectCurrentCall } from '../../state/selectors'
import { stepDwellMs } from '../../state/timeline'
import { entryPlayMs } from './webhooks'

/**
 * Advances playback one step at a time while playing. Time is UI state; the trace itself is timeless. A
 * step that called webhooks lasts as long as its calls take to go out, wait for the servers and come
 * back (WebhookTokens plays them).
 */
export function usePlaybackClock() {
  const playing = useApp((s) => s.playing)
  const position = useApp((s) => s.position)
  const speed = useApp((s) => s.speed)
  const dwell = useApp((s) => stepDwellMs(s.steps, s.position))
  const webhookMs = useApp((s) => {
    const step = s.steps[s.position]
    if (step?.kind !== 'entry') return 0
    const entry = selectCurrentCall(s)?.trace[step.entry]
    return entry ? entryPlayMs(entry) : 0
  })
  const { stepForward } = useActions()

  useEffect(() => {
    if (!playing || speed === 'instant') return
    const ms = Math.max(dwell, webhookMs)
    const timer = setTimeout(stepForward, ms / speed)
    return () => clearTimeout(timer)
  }, [playing, position, speed, dwell, webhookMs, stepForward])
}
