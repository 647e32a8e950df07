import { useApp } from '../../state/hooks'
import { selectCurrentCall } from '../../state/selectors'
import { objectVersions } from './versions'
import './versions.css'

/** Sent as, converted through, stored as: the versions an object passes on its way to etcd. */
export function VersionsBlock() {
  const versions = objectVersions(useApp(selectCurrentCall))
  if (!versions) return null
  const { kind, sent, group, storage, notStored } = versions
  const converted = storage !== sent
  return (
    <div className="versions" data-testid="versions">
      <h3 className="panel__heading">Versions of this {kind}</h3>
      <dl className="versions__list">
        <div>
          <dt>Sent as</dt>
          <dd>
            <code data-testid="version-sent">{sent}</code>
          </dd>
        </div>
        <div>
          <dt>Internal form</dt>
          <dd>
            the hub version: an unversioned{' '}
            <code>
              {group ? `${group}.` : ''}
              {kind}
            </code>{' '}
            every served version converts to and from
          </dd>
        </div>
        <div>
          <dt>Stored as</dt>
          {notStored ? (
            <dd data-testid="version-not-stored">not stored: {notStored}</dd>
          ) : (
            <dd>
              <code data-testid="version-storage">{storage}</code>
              {converted ? ' (converted for storage)' : ' (the same version)'}
            </dd>
          )}
        </div>
      </dl>
      <p className="versions__note">
        The simulation keeps one JSON form of the object throughout; it converts only where the versions
        really differ in shape (HorizontalPodAutoscaler autoscaling/v1 ↔ v2).
      </p>
    </div>
  )
}
