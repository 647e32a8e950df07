import type { HttpRequest } from '../../engine'
import { useApp } from '../../state/hooks'
import { selectCurrentResult } from '../../state/selectors'
import { GuideNotes } from './GuideNotes'
import { RichText } from './RichText'
import { STAGE_GUIDE } from './stageGuide'

function requestText(request: HttpRequest): string {
  const lines = [`${request.method} ${request.path} HTTP/1.1`]
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      // Never print a whole credential, even a simulated one: it is the habit we want to teach.
      lines.push(
        `${name}: ${name.toLowerCase() === 'authorization' ? v.replace(/^(Bearer )(.{4}).+$/, '$1$2…') : v}`,
      )
    }
  }
  if (request.clientCertificate) {
    const o = request.clientCertificate.organizations?.map((org) => `, O=${org}`).join('') ?? ''
    lines.push(`(TLS client certificate: CN=${request.clientCertificate.commonName}${o})`)
  }
  return lines.join('\n')
}

/** kubectl's side: the command and every HTTP call it made, as `kubectl -v=8` would log them. */
export function ClientInspector() {
  const result = useApp(selectCurrentResult)
  return (
    <>
      <header className="panel__header">
        <div>
          <p className="panel__eyebrow">The client</p>
          <h2 className="panel__title">kubectl</h2>
          <p className="panel__source">
            <code>{result?.commandLine ?? 'kubectl'}</code>
          </p>
        </div>
        <a
          className="docs-link"
          href="https://kubernetes.io/docs/reference/kubectl/"
          target="_blank"
          rel="noreferrer"
        >
          Kubernetes docs <span aria-hidden="true">↗</span>
        </a>
      </header>
      <div className="panel__body">
        <h3 className="panel__heading">What kubectl does</h3>
        {STAGE_GUIDE.client.what.map((p, i) => (
          <p key={i}>
            <RichText text={p} />
          </p>
        ))}
        <h3 className="panel__heading">
          The HTTP {result && result.calls.length > 1 ? 'requests' : 'request'}
        </h3>
        {result ? (
          result.calls.map((call, i) => (
            <div key={i} className="http-call">
              <pre className="code-block">{requestText(call.request)}</pre>
              <p className="muted">
                → {call.response.code}
                {call.user ? ` · seen as ${call.user.username}` : ''}
              </p>
            </div>
          ))
        ) : (
          <p className="muted">Press Send to see the requests kubectl makes.</p>
        )}
        <GuideNotes guide={STAGE_GUIDE.client} />
      </div>
    </>
  )
}
