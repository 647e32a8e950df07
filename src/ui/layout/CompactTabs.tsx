import { useActions, useApp } from '../../state/hooks'

export type CompactView = 'journey' | 'editor'

/**
 * Below 700 px there is room for one thing at a time: the diagram with the response, or the manifest with
 * the request bar. The tabs (and a Send of their own, so the diagram view can run the request) show only
 * there (layout.css).
 */
export function CompactTabs({
  view,
  onChange,
}: {
  view: CompactView
  onChange: (view: CompactView) => void
}) {
  const { send, previousRequest, nextRequest } = useActions()
  const busy = useApp((s) => s.busy)
  const ready = useApp((s) => s.snapshot !== null)
  const index = useApp((s) => s.story.index)
  const count = useApp((s) => s.scenario?.requests.length ?? 0)
  const tab = (id: CompactView, label: string) => (
    <button
      type="button"
      role="tab"
      id={`compact-tab-${id}`}
      className="compact-tabs__tab"
      aria-selected={view === id}
      aria-controls="workspace"
      tabIndex={view === id ? 0 : -1}
      onClick={() => onChange(id)}
      onKeyDown={(event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
        event.preventDefault()
        const other: CompactView = id === 'journey' ? 'editor' : 'journey'
        onChange(other)
        document.getElementById(`compact-tab-${other}`)?.focus()
      }}
    >
      {label}
    </button>
  )
  return (
    <div className="compact-tabs">
      <div role="tablist" aria-label="View" className="compact-tabs__list">
        {tab('journey', 'Diagram')}
        {tab('editor', 'Manifest')}
      </div>
      {view === 'journey' && count > 1 && (
        // The story bar sits with the manifest; the diagram view still needs the way through the story.
        <div className="compact-tabs__story">
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void previousRequest()}
            disabled={busy || index === 0}
            aria-label="Previous request"
          >
            ←
          </button>
          <span className="compact-tabs__position">
            {index + 1}/{count}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => void nextRequest()}
            disabled={busy || index >= count - 1}
            aria-label="Next request"
          >
            →
          </button>
        </div>
      )}
      {view === 'journey' && (
        <button
          type="button"
          className="button button--primary compact-tabs__send"
          disabled={busy || !ready}
          aria-label="Send"
          onClick={() => void send()}
        >
          {busy ? 'Sending…' : 'Send'} <span aria-hidden="true">→</span>
        </button>
      )}
    </div>
  )
}
