import { useState } from 'react'
import { useActions, useAppShallow } from '../../state/hooks'
import type { WhoCanQuery } from '../../worker/access'
import { useAccessQuery } from './useAccessQuery'

const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'impersonate',
]

/** "Who can <verb> <resource> in <namespace>": a SubjectAccessReview for every subject the cluster knows. */
export function WhoCanView() {
  const { whoCan } = useActions()
  const namespaces = useAppShallow((s) => s.snapshot?.namespaces ?? [])
  const [draft, setDraft] = useState<WhoCanQuery>({ verb: 'create', resource: 'pods', namespace: 'default' })
  const [asked, setAsked] = useState<WhoCanQuery | null>(null)
  const [hideSystem, setHideSystem] = useState(true)
  const { data, error, loading } = useAccessQuery(asked && JSON.stringify(asked), () => whoCan(asked!))
  const shown = (data?.allowed ?? []).filter((e) => !hideSystem || !e.name.startsWith('system:'))
  const hidden = (data?.allowed.length ?? 0) - shown.length

  return (
    <div className="who-can">
      <form
        className="who-can__form"
        aria-label="Who can"
        onSubmit={(event) => {
          event.preventDefault()
          setAsked({ ...draft, resource: draft.resource.trim(), name: draft.name?.trim() || undefined })
        }}
      >
        <span className="who-can__word">Who can</span>
        <select
          aria-label="Who-can verb"
          value={draft.verb}
          onChange={(e) => setDraft({ ...draft, verb: e.target.value })}
        >
          {VERBS.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
        <input
          aria-label="Who-can resource"
          value={draft.resource}
          placeholder="resource[/subresource]"
          onChange={(e) => setDraft({ ...draft, resource: e.target.value })}
          spellCheck={false}
        />
        <input
          aria-label="Who-can name"
          value={draft.name ?? ''}
          placeholder="name (optional)"
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          spellCheck={false}
        />
        <span className="who-can__word">in</span>
        <select
          aria-label="Who-can namespace"
          value={draft.namespace}
          onChange={(e) => setDraft({ ...draft, namespace: e.target.value })}
        >
          {namespaces.map((ns) => (
            <option key={ns}>{ns}</option>
          ))}
        </select>
        <button type="submit" className="button button--primary" disabled={!draft.resource.trim()}>
          Ask
        </button>
        <label className="check">
          <input type="checkbox" checked={hideSystem} onChange={(e) => setHideSystem(e.target.checked)} />
          <span>
            Hide <code>system:</code> subjects
          </span>
        </label>
      </form>
      {error && (
        <p className="access-error" role="alert">
          {error}
        </p>
      )}
      {!asked && (
        <p className="muted">
          Each subject named in a binding, and each identity of the request bar, is asked with a
          SubjectAccessReview sent as the cluster admin.
        </p>
      )}
      {loading && !data && <p className="muted">Asking the authorizer…</p>}
      {data && (
        <>
          <p className="who-can__summary" data-testid="who-can-summary">
            {shown.length} of {data.checked} subjects can <b>{data.asked}</b>
            {hidden > 0 ? ` (${hidden} system: subjects hidden)` : ''}.
          </p>
          <table className="access-table" data-testid="who-can-results">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Subject</th>
                <th scope="col">Allowed by</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.kind}:${e.name}`} data-subject={e.name}>
                  <td>{e.kind}</td>
                  <td>
                    <code>{e.name}</code>
                    {e.identity && e.identity !== e.name && <span className="muted"> ({e.identity})</span>}
                  </td>
                  <td className="access-table__reason">{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
