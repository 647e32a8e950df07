import { useApp, useAppShallow } from '../../state/hooks'
import { selectAnsweredResults, selectCurrentCall, selectResponseArrived } from '../../state/selectors'
import { prettyJson, statusLine, statusTone } from '../format'
import { KubectlOutput } from './KubectlOutput'
import { WarningHeaders } from './WarningHeaders'

/** What came back: the status line, what kubectl prints, and the raw body. */
export function ResponsePanel() {
  const arrived = useApp(selectResponseArrived)
  const call = useApp(selectCurrentCall)
  const answered = useAppShallow(selectAnsweredResults)
  const hasRun = useApp((s) => s.steps.length > 0)
  const response = arrived ? call?.response : undefined

  return (
    <section className="panel response" aria-label="Response" data-testid="response">
      <header className="panel__header">
        <div>
          <p className="panel__eyebrow">Response</p>
          <h2 className={`status-line status-line--${statusTone(response?.code)}`} data-testid="status-line">
            {response
              ? statusLine(response.code)
              : hasRun
                ? 'Waiting for the response…'
                : 'No request sent yet'}
          </h2>
        </div>
      </header>
      <div className="panel__body">
        {answered.length > 0 && (
          <>
            <h3 className="panel__heading">kubectl prints</h3>
            <KubectlOutput text={answered.map((r) => r.kubectl).join('\n')} />
          </>
        )}
        {response && <WarningHeaders warnings={response.warnings} />}
        {response ? (
          <>
            <h3 className="panel__heading">Body</h3>
            <pre className="code-block code-block--json" data-testid="response-body">
              {prettyJson(response.body)}
            </pre>
          </>
        ) : (
          <p className="muted">
            {hasRun
              ? 'The answer appears when the request is back at kubectl. Step forward, or pick Instant speed.'
              : 'Press Send: the status line, kubectl’s output and the raw body appear here.'}
          </p>
        )}
      </div>
    </section>
  )
}
