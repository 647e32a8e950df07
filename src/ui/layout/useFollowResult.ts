import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import { useApp } from '../../state/hooks'
import { selectFinished } from '../../state/selectors'

/** On the page but not wholly on screen; false for an element that is not laid out (a hidden tab). */
function outOfView(element: Element | null | undefined): element is Element {
  if (!element || element.getClientRects().length === 0) return false
  const box = element.getBoundingClientRect()
  return box.top < 0 || box.bottom > window.innerHeight
}

function laidOut(element: Element | null | undefined): boolean {
  return !!element && element.getClientRects().length > 0
}

/**
 * Where the page is one scrolling column (narrow screens, an iframe), a Send brings the diagram into view
 * so the learner sees the request set off, and the answer's status line once it is back. On a desktop
 * everything is already on screen and nothing moves. A scroll waits until its target is laid out (the
 * compact layout shows the diagram's tab first).
 */
export function useFollowResult(journey: RefObject<HTMLElement | null>, view: string, onSent: () => void) {
  const results = useApp((s) => s.results)
  const finished = useApp(selectFinished)
  const pending = useRef({ journey: false, status: false })
  const seen = useRef(results)

  useEffect(() => {
    if (results === seen.current) return
    seen.current = results
    if (results.length === 0) return
    pending.current = { journey: true, status: true }
    onSent()
  }, [results, onSent])

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const want = pending.current
      if (want.journey && laidOut(journey.current)) {
        want.journey = false
        if (outOfView(journey.current)) journey.current?.scrollIntoView({ block: 'start' })
      }
      const status = document.querySelector('[data-testid="status-line"]')
      if (finished && want.status && laidOut(status)) {
        want.status = false
        if (outOfView(status)) status.scrollIntoView({ block: 'nearest' })
      }
    })
    return () => cancelAnimationFrame(frame)
  }, [results, finished, view, journey])
}
