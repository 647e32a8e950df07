import { useApp } from '../../state/hooks'
import { RevisionView } from './RevisionView'

/** One key: where it stands now, then every retained revision with its value decoded, as bytes, or diffed. */
export function KeyDetail() {
  const key = useApp((s) => s.storageKey)
  const history = useApp((s) => (s.keyHistory?.key === s.storageKey ? s.keyHistory : null))
  const current = useApp((s) => s.snapshot?.entries.find((e) => e.key === s.storageKey))

  if (!key)
    return (
      <section className="key-detail" aria-label="Key">
        <p className="muted">
          Pick a key on the left. Send a request first, and the explorer opens on the key it wrote.
        </p>
      </section>
    )

  return (
    <section className="key-detail" aria-label="Key" data-testid="key-detail" data-key={key}>
      <h3 className="key-detail__key">
        <code>{key}</code>
      </h3>
      {current ? (
        <dl className="key-detail__facts" data-testid="key-facts">
          <div>
            <dt>create revision</dt>
            <dd>{current.createRevision}</dd>
          </div>
          <div>
            <dt>mod revision</dt>
            <dd>{current.modRevision}</dd>
          </div>
          <div>
            <dt>version</dt>
            <dd>{current.version}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">This key is not in etcd now (deleted, or never written).</p>
      )}
      {history ? (
        <>
          {history.note && <p className="key-detail__note">{history.note}</p>}
          {history.path && (
            <p className="muted key-detail__source">
              History read as a client would: <code>GET {history.path}</code>
            </p>
          )}
          {history.revisions.length > 0 ? (
            <RevisionView key={`${key}@${history.revisions.length}`} revisions={history.revisions} />
          ) : (
            <p className="muted">No retained revisions.</p>
          )}
        </>
      ) : (
        <p className="muted">Reading the key’s revisions…</p>
      )}
    </section>
  )
}
