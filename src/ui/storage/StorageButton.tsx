import { lazy, Suspense } from 'react'
import { useActions, useApp } from '../../state/hooks'
import './header.css'

// The explorer (tree, byte dump, diff, watch) loads on first open, outside the first-load bundle.
const StorageExplorer = lazy(() => import('./StorageExplorer'))

/** Opens the storage explorer: what kube-apiserver keeps in etcd, key by key and revision by revision. */
export function StorageButton() {
  const open = useApp((s) => s.storageOpen)
  const ready = useApp((s) => s.snapshot !== null)
  const { openStorage } = useActions()
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        disabled={!ready}
        onClick={() => void openStorage()}
        title="Browse the etcd keys under /registry: revisions, stored bytes, diffs and a watch stream"
      >
        etcd
      </button>
      {open && (
        <Suspense fallback={null}>
          <StorageExplorer />
        </Suspense>
      )}
    </>
  )
}
