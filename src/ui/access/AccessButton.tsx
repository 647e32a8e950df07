import { lazy, Suspense, useState } from 'react'
import { useApp } from '../../state/hooks'

// The Access view loads on first open, so the first paint does not pay for it.
const AccessPanel = lazy(() => import('./AccessPanel').then((m) => ({ default: m.AccessPanel })))

/** Opens the RBAC explorer: who is bound to what, who can do something, what one subject can do. */
export function AccessButton() {
  const [open, setOpen] = useState(false)
  const ready = useApp((s) => s.snapshot !== null)
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        disabled={!ready}
        onClick={() => setOpen(true)}
        title="Explore RBAC: subjects, bindings, roles and rules; who can; what a subject can do"
      >
        Access
      </button>
      {open && (
        <Suspense fallback={null}>
          <AccessPanel onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
