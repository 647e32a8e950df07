import { useMemo } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { DEFAULT_WATCH_PREFIX } from '../../state/storageSlice'
import { watchablePrefixes } from './keyTree'

/**
 * What a watch on one resource (and namespace) has delivered: ADDED, MODIFIED and DELETED events in
 * revision order, read again after every request, as `kubectl get --watch` would print them.
 */
export function WatchPanel({ onShowKey }: { onShowKey(): void }) {
  const entries = useApp((s) => s.snapshot?.entries)
  const revision = useApp((s) => s.snapshot?.revision ?? 0)
  const prefix = useApp((s) => s.watchPrefix)
  const since = useApp((s) => s.watchSince)
  const stream = useApp((s) => (s.watchStream?.prefix === s.watchPrefix ? s.watchStream : null))
  const { watchKeys, inspectKey } = useActions()
  const prefixes = useMemo(() => {
    const list = watchablePrefixes(entries ?? [])
    return list.includes(prefix) ? list : [prefix, ...list].sort()
  }, [entries, prefix])

  return (
    <section className="watch-panel" aria-label="Watch stream">
      <div className="watch-panel__controls">
        <label className="field">
          <span className="field__label">Watch keys under</span>
          <select value={prefix} onChange={(event) => void watchKeys(event.target.value)}>
            {prefixes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">From</span>
          <select
            value={since === 1 ? 'start' : 'now'}
            onChange={(event) => void watchKeys(prefix, event.target.value === 'start' ? 1 : revision)}
          >
            <option value="start">the cluster’s first revision (resourceVersion=1)</option>
            <option value="now">now (resourceVersion={since === 1 ? revision : since})</option>
          </select>
        </label>
        {prefix !== DEFAULT_WATCH_PREFIX && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void watchKeys(DEFAULT_WATCH_PREFIX, 1)}
          >
            Pods in default
          </button>
        )}
      </div>
      {stream?.path && (
        <p className="muted watch-panel__request">
          <code>GET {stream.path}</code> — up to revision {stream.revision}
        </p>
      )}
      {stream?.note && <p className="key-detail__note">{stream.note}</p>}
      {stream && stream.events.length === 0 && (
        <p className="muted">No events yet: send a request that writes here, and it appears at once.</p>
      )}
      {stream && stream.events.length > 0 && (
        <ol className="watch-events" data-testid="watch-events" aria-label="Watch events, oldest first">
          {stream.events.map((e, i) => (
            <li key={i} className="watch-event" data-type={e.type}>
              <span className={`watch-type watch-type--${e.type.toLowerCase()}`}>{e.type}</span>
              <button
                type="button"
                className="watch-event__name"
                onClick={() => {
                  void inspectKey(e.key)
                  onShowKey()
                }}
                title={e.key}
              >
                {e.namespace ? `${e.namespace}/` : ''}
                {e.name}
              </button>
              <span className="watch-event__rv">resourceVersion {e.resourceVersion}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
