import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import { useApp } from '../../state/hooks'
import { selectFinished } from '../../state/selectors'

function outOfView(element: Element | null | undefined): element is Element {
  if (!element) return false
  const box = element.getBoundingClientRect()
  return box.top < 0 || box.bottom > window.innerHeight
}

/**
 * Where the page is one scrolling column (narrow screens, an iframe), a Send brings the diagram into view
 * so the learner sees the request set off, and the answer's status line once it is back. On a desktop
 * everything is already on screen and nothing moves.
 */
export function useFollowResult(journey: RefObject<HTMLElement | null>, onSent: () => void) {
  const results = useApp((s) => s.results)
  const finished = useApp(selectFinished)
  const first = useRef(true)

  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    if (results.length === 0) return
    onSent()
    const frame = requestAnimationFrame(() => {
      if (outOfView(journey.current)) journey.current?.scrollIntoView({ block: 'start' })
    })
    return () => cancelAnimationFrame(frame)
  }, [results, journey, onSent])

  useEffect(() => {
    if (!finished) return
    const frame = requestAnimationFrame(() => {
      const status = document.querySelector('[data-testid="status-line"]')
      if (outOfView(status)) status.scrollIntoView({ block: 'nearest' })
    })
    return () => cancelAnimationFrame(frame)
  }, [finished, results])
}
