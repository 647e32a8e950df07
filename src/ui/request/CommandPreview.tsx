import { useApp } from '../../state/hooks'
import { selectCurrentCall, selectCurrentResult } from '../../state/selectors'

function header(headers: Record<string, string | string[]> | undefined, name: string): string | undefined {
  const value = headers?.[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/** The command a person would type, and the HTTP request it becomes (what `kubectl -v=8` reveals). */
export function CommandPreview() {
  const preview = useApp((s) => s.commandPreview)
  const result = useApp(selectCurrentResult)
  const call = useApp(selectCurrentCall)
  const callCount = useApp((s) => selectCurrentResult(s)?.calls.length ?? 0)
  const callIndex = useApp((s) => s.steps[s.position]?.call ?? 0)
  // What was sent while the request bar still matches it; otherwise the engine's line for the bar as it is.
  const current = useApp((s) => s.sent !== null && s.sent.settings === s.settings)
  const commandLine = current && result ? result.commandLine : preview
  const contentType = header(call?.request.headers, 'Content-Type')

  return (
    <div className="command-preview">
      <code className="command-preview__cli" data-testid="command-line">
        <span className="prompt" aria-hidden="true">
          $
        </span>{' '}
        {commandLine}
      </code>
      <code className="command-preview__http" data-testid="http-request">
        {call ? (
          <>
            {callCount > 1 && (
              <span className="muted">
                call {callIndex + 1}/{callCount}{' '}
              </span>
            )}
            <b>{call.request.method}</b> {call.request.path}
            {contentType && (
              <span className="muted">
                {'  '}
                <span className="nowrap">Content-Type: {contentType}</span>
              </span>
            )}
          </>
        ) : (
          <span className="muted">The HTTP request appears here when you press Send.</span>
        )}
      </code>
    </div>
  )
}
