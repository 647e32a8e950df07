import { useState } from 'react'
import { useApp } from '../../state/hooks'
import { AdmissionPanel } from './AdmissionPanel'

/** Opens the admission plugin switches; a count shows how many plugins differ from the v1.35 defaults. */
export function AdmissionButton() {
  const [open, setOpen] = useState(false)
  const changed = useApp((s) => (s.snapshot?.admission ?? []).filter((p) => p.enabled !== p.defaultOn).length)
  const ready = useApp((s) => s.snapshot !== null)
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        disabled={!ready}
        onClick={() => setOpen(true)}
        title="Switch admission plugins on and off, like --enable-admission-plugins"
      >
        <span>
          Admission<span className="button__more"> plugins</span>
        </span>
        {changed > 0 && (
          <span className="count-badge" data-testid="admission-changed">
            {changed}
            <span className="visually-hidden"> changed</span>
          </span>
        )}
      </button>
      {open && <AdmissionPanel onClose={() => setOpen(false)} />}
    </>
  )
}
