import { useState } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { Drawer } from '../Drawer'
import { KeyDetail } from './KeyDetail'
import { KeyTree } from './KeyTree'
import { WatchPanel } from './WatchPanel'
import './storage.css'

type Tab = 'keys' | 'watch'

/**
 * etcd as kube-apiserver fills it: every key under /registry, each key's revisions, the bytes it holds and
 * a watch stream. A modal drawer, like the admission plugins; it follows the cluster as requests are sent.
 */
export default function StorageExplorer() {
  const [tab, setTab] = useState<Tab>('keys')
  const revision = useApp((s) => s.snapshot?.revision ?? 0)
  const keys = useApp((s) => s.snapshot?.entries.length ?? 0)
  const error = useApp((s) => s.storageError)
  const { closeStorage } = useActions()

  return (
    <Drawer
      name="storage"
      eyebrow="etcd, as kube-apiserver v1.35 writes it"
      title="Storage explorer"
      lead={
        <>
          {keys} keys under <code>/registry</code>, cluster at revision <strong>{revision}</strong>.
        </>
      }
      onClose={closeStorage}
    >
      <div className="storage-tabs" role="tablist" aria-label="Storage views">
        {(['keys', 'watch'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`storage-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`storage-view-${t}`}
            className="storage-tabs__tab"
            onClick={() => setTab(t)}
          >
            {t === 'keys' ? 'Keys and revisions' : 'Watch stream'}
          </button>
        ))}
      </div>
      {error && (
        <p className="storage-panel__error" role="alert">
          {error}
        </p>
      )}
      {tab === 'keys' ? (
        <div
          className="storage-keys"
          role="tabpanel"
          id="storage-view-keys"
          aria-labelledby="storage-tab-keys"
        >
          <KeyTree />
          <KeyDetail />
        </div>
      ) : (
        <div
          className="storage-watch"
          role="tabpanel"
          id="storage-view-watch"
          aria-labelledby="storage-tab-watch"
        >
          <WatchPanel onShowKey={() => setTab('keys')} />
        </div>
      )}
    </Drawer>
  )
}
