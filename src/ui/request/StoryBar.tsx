import { useActions, useApp } from '../../state/hooks'
import { storyPosition } from '../../state/storySlice'

/** The scenario as a story: what it is about, which request the learner is at, and the way through. */
export function StoryBar() {
  const title = useApp((s) => s.scenario?.title)
  const description = useApp((s) => s.scenario?.description ?? '')
  const position = useApp(storyPosition)
  const index = useApp((s) => s.story.index)
  const count = useApp((s) => s.scenario?.requests.length ?? 0)
  const requestTitle = useApp((s) => {
    const r = s.scenario?.requests[s.story.index]
    return r?.title ?? r?.name
  })
  const busy = useApp((s) => s.busy)
  const { previousRequest, nextRequest, resetCluster } = useActions()
  if (!title) return null
  return (
    <section className="story" aria-label="Story">
      <div className="story__head">
        <h2 className="story__title">{title}</h2>
        {position && (
          <div className="story__nav">
            <span className="story__position" data-testid="story-position" aria-live="polite">
              {position}
            </span>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void previousRequest()}
              disabled={busy || index === 0}
              aria-label="Previous request"
            >
              ← <span className="button__more">Previous</span>
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void nextRequest()}
              disabled={busy || index >= count - 1}
              aria-label="Next request"
            >
              <span className="button__more">Next</span> →
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void resetCluster()}
              disabled={busy}
              title="The scenario’s cluster before its first request"
            >
              Start over
            </button>
          </div>
        )}
      </div>
      {requestTitle && <p className="story__request" data-testid="story-request">{requestTitle}</p>}
      {description && (
        <details className="story__about">
          <summary>What to notice</summary>
          <p className="story__description">{description}</p>
        </details>
      )}
    </section>
  )
}
