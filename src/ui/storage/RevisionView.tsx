import { useState } from 'react'
import type { EncryptionAtRest, KeyRevision } from '../../worker/protocol'
import { ObjectDiff } from '../panels/ObjectDiff'
import { ByteDump } from './ByteDump'

type View = 'decoded' | 'bytes' | 'diff'

const VIEWS: { id: View; label: string }[] = [
  { id: 'decoded', label: 'Decoded (JSON)' },
  { id: 'bytes', label: 'Bytes' },
  { id: 'diff', label: 'Diff' },
]

/** The revisions of one key as a table; the picked one shown decoded, as bytes, or against another. */
export function RevisionView({ revisions }: { revisions: KeyRevision[] }) {
  const [picked, setPicked] = useState(revisions.length - 1)
  const [base, setBase] = useState(Math.max(0, revisions.length - 2))
  const [view, setView] = useState<View>('decoded')
  const revision = revisions[picked] ?? revisions[revisions.length - 1]!
  const against = revisions[base]

  return (
    <>
      <table className="revisions" data-testid="revisions">
        <caption className="visually-hidden">Revisions of this key, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">event</th>
            <th scope="col">mod revision</th>
            <th scope="col">create revision</th>
            <th scope="col">version</th>
            <th scope="col">
              <span className="visually-hidden">show</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r, i) => (
            <tr key={r.modRevision} data-revision={r.modRevision} aria-current={i === picked || undefined}>
              <td>
                <span className={`watch-type watch-type--${r.event.toLowerCase()}`}>{r.event}</span>
              </td>
              <td>{r.modRevision}</td>
              <td>{r.createRevision || '—'}</td>
              <td>{r.version || '— (tombstone)'}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  aria-pressed={i === picked}
                  onClick={() => setPicked(i)}
                >
                  {i === picked ? 'Shown' : 'Show'}
                  <span className="visually-hidden"> revision {r.modRevision}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="storage-views" role="group" aria-label="Show the value">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            className="storage-views__button"
            aria-pressed={view === v.id}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <h4 className="revision__title">
        Revision {revision.modRevision}
        {revision.version > 0 && ` (version ${revision.version})`}
        {revision.encryption && (
          <span className="encryption-badge" data-testid="encryption-badge">
            <svg className="encryption-badge__lock" viewBox="0 0 12 14" aria-hidden="true">
              <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
              <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
            </svg>
            encrypted at rest ({revision.encryption.provider}, key {revision.encryption.key})
          </span>
        )}
      </h4>
      {view === 'decoded' &&
        (revision.object ? (
          <>
            {revision.encryption && (
              <p className="revision__note revision__note--strong">
                What the API server reads after decrypting and decoding the value; etcd itself holds only
                ciphertext (see Bytes).
              </p>
            )}
            <p className="muted revision__note">
              No <code>metadata.resourceVersion</code> is stored: the API server fills it in from the mod
              revision when it reads the key.
            </p>
            <pre className="revision__json" data-testid="decoded-value">
              {JSON.stringify(revision.object, null, 2)}
            </pre>
          </>
        ) : (
          <p className="muted">A delete: etcd keeps a tombstone at this revision, no value.</p>
        ))}
      {view === 'bytes' &&
        (revision.bytes && revision.encryption ? (
          <EncryptedBytes bytes={revision.bytes} encryption={revision.encryption} />
        ) : revision.bytes ? (
          <ByteDump bytes={revision.bytes} />
        ) : (
          <p className="muted">A tombstone holds no bytes.</p>
        ))}
      {view === 'diff' && (
        <div data-testid="revision-diff">
          {revisions.length < 2 ? (
            <p className="muted">Only one revision so far: update the object to compare two.</p>
          ) : (
            <>
              <label className="field revision__base">
                <span className="field__label">Compare with</span>
                <select value={base} onChange={(event) => setBase(Number(event.target.value))}>
                  {revisions.map((r, i) => (
                    <option key={r.modRevision} value={i} disabled={i === picked}>
                      revision {r.modRevision}
                    </option>
                  ))}
                </select>
              </label>
              <p className="muted revision__note">
                From revision {against?.modRevision} to revision {revision.modRevision}:
              </p>
              {against?.object && revision.object ? (
                <ObjectDiff before={against.object} after={revision.object} />
              ) : (
                <p className="muted">One side is a tombstone: there is no value to compare.</p>
              )}
            </>
          )}
        </div>
      )}
    </>
  )
}

/** Ciphertext as etcd holds it, then the plaintext the transformer gives the API server to decode. */
function EncryptedBytes({ bytes, encryption }: { bytes: Uint8Array; encryption: EncryptionAtRest }) {
  return (
    <div className="encrypted-bytes">
      <h5 className="encrypted-bytes__title">What etcd holds</h5>
      <ByteDump bytes={bytes} encryption={encryption} label="Bytes etcd holds, encrypted, hex and ASCII" />
      <p className="encrypted-bytes__simplified" data-testid="cipher-note">
        <strong>Simplified in this lab:</strong> the framing is kube-apiserver’s (the prefix, the nonce and
        the payload sizes of {encryption.provider}), but the cipher is a deterministic stand-in, not real
        encryption, so the same write always gives the same bytes.
      </p>
      <h5 className="encrypted-bytes__title">What the API server reads after decrypting</h5>
      {encryption.plaintext ? (
        <ByteDump
          bytes={encryption.plaintext}
          testId="decrypted-byte-dump"
          label="Bytes after decrypting, hex and ASCII"
        />
      ) : (
        <p className="key-detail__note">The value does not decrypt: {encryption.error}</p>
      )}
    </div>
  )
}
