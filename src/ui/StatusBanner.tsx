import { useActions, useApp } from '../state/hooks'

/** Errors of the app itself (not of the request: those are the response). */
export function StatusBanner() {
  const error = useApp((s) => s.error)
  const notice = useApp((s) => s.notice)
  const { dismissError } = useActions()
  if (error) {
    return (
      <div className="banner banner--error" role="alert">
        <span>{error}</span>
        <button type="button" className="button button--quiet" onClick={dismissError}>
          Dismiss
        </button>
      </div>
    )
  }
  if (notice) {
    return (
      <div className="banner banner--notice" role="status">
        {notice}
      </div>
    )
  }
  return null
}
