import { useState } from 'react'
import { useActions, useApp, useAppShallow } from '../../state/hooks'
import type { MatrixTarget } from '../../worker/access'
import { useAccessQuery } from './useAccessQuery'

/** `subject:Group:developers`, `subject:ServiceAccount:dev/ci` → what the worker asks about. */
function targetOf(key: string): MatrixTarget {
  if (key.startsWith('identity:')) return { identity: key.slice('identity:'.length) }
  const rest = key.slice('subject:'.length)
  const colon = rest.indexOf(':')
  const kind = rest.slice(0, colon)
  const name = rest.slice(colon + 1)
  if (kind !== 'ServiceAccount') return { kind, name }
  const [namespace = '', sa = ''] = name.split('/')
  return { kind, name: sa, namespace }
}

/** What one subject may do in a namespace: resources down, verbs across, one review per cell. */
export function MatrixView({ initialSubject }: { initialSubject: string | null }) {
  const { accessMatrix } = useActions()
  const identities = useAppShallow((s) =>
    (s.snapshot?.identities ?? []).filter((i) => i.user).map((i) => i.id),
  )
  const namespaces = useAppShallow((s) => s.snapshot?.namespaces ?? [])
  const current = useApp((s) => s.settings.as)
  const [subject, setSubject] = useState(initialSubject ?? `identity:${current}`)
  const [namespace, setNamespace] = useState(() =>
    namespaces.includes('dev') ? 'dev' : (namespaces[0] ?? 'default'),
  )
  const { data, error } = useAccessQuery(`${subject} ${namespace}`, () =>
    accessMatrix(targetOf(subject), namespace),
  )
  const extra = subject.startsWith('subject:') ? subject : null

  return (
    <div className="matrix">
      <div className="matrix__bar">
        <label className="field field--wide">
          <span className="field__label">Subject</span>
          <select aria-label="Matrix subject" value={subject} onChange={(e) => setSubject(e.target.value)}>
            {extra && <option value={extra}>{extra.slice('subject:'.length).replace(':', ' ')}</option>}
            {identities.map((id) => (
              <option key={id} value={`identity:${id}`}>
                {id} (identity)
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Namespace</span>
          <select
            aria-label="Matrix namespace"
            value={namespace}
            onChange={(e) => setNamespace(e.target.value)}
          >
            {namespaces.map((ns) => (
              <option key={ns}>{ns}</option>
            ))}
          </select>
        </label>
        {data && (
          <p className="matrix__who muted">
            As user <code>{data.subject.user || '(none)'}</code>
            {data.subject.groups.length > 0 && (
              <>
                {' '}
                in groups <code>{data.subject.groups.join(', ')}</code>
              </>
            )}
          </p>
        )}
      </div>
      {error && (
        <p className="access-error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <div className="matrix__scroll">
          <table className="access-table matrix__table" data-testid="access-matrix">
            <thead>
              <tr>
                <th scope="col">Resource</th>
                {data.verbs.map((v) => (
                  <th key={v} scope="col">
                    {v}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.resource} data-resource={row.resource}>
                  <th scope="row">
                    <code>{row.resource}</code>
                    {!row.namespaced && <span className="matrix__scope">cluster</span>}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td
                      key={data.verbs[i]}
                      data-verb={data.verbs[i]}
                      data-allowed={cell ? String(cell.allowed) : undefined}
                      className="matrix__cell"
                      title={cell ? cell.reason || (cell.allowed ? 'allowed' : 'denied') : 'not applicable'}
                    >
                      {cell ? (
                        cell.allowed ? (
                          <span className="matrix__yes">
                            ✓<span className="visually-hidden"> allowed</span>
                          </span>
                        ) : (
                          <span className="matrix__no">
                            ✕<span className="visually-hidden"> denied</span>
                          </span>
                        )
                      ) : (
                        <span className="muted">·</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
