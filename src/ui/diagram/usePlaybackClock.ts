import { useEffect } from 'react'
import { useActions, useApp } from '../../state/hooks'

/** How long the request stays at one step at 1× speed: steps that did nothing go by quickly. */
const STEP_MS = 800
const QUIET_STEP_MS = 160

/** Advances playback one step at a time while playing. Time is UI state; the trace itself is timeless. */
export function usePlaybackClock() {
  const playing = useApp((s) => s.playing)
  const position = useApp((s) => s.position)
  const speed = useApp((s) => s.speed)
  const quiet = useApp((s) => {
    const step = s.steps[s.position]
    return step?.kind === 'entry' && step.outcome === 'skipped'
  })
  const { stepForward } = useActions()

  useEffect(() => {
    if (!playing || speed === 'instant') return
    const timer = setTimeout(stepForward, (quiet ? QUIET_STEP_MS : STEP_MS) / speed)
    return () => clearTimeout(timer)
  }, [playing, position, speed, quiet, stepForward])
}
