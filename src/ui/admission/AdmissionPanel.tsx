import { useEffect, useMemo, useRef } from 'react'
import { flagsOf, isDefaultFlags } from '../../state/admission'
import { RESTART_NOTE } from '../../state/admissionSlice'
import { useActions, useApp } from '../../state/hooks'
import { FlagsText } from './FlagsText'
import { PluginRow } from './PluginRow'
import '../styles/admission.css'

/**
 * kube-apiserver's admission chain as switches, in the order the chain calls the plugins. A modal
 * drawer: the switches restart the cluster, so the learner should not be sending requests meanwhile.
 */
export function AdmissionPanel({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const plugins = useApp((s) => s.snapshot?.admission)
  const busy = useApp((s) => s.busy)
  const error = useApp((s) => s.error)
  const { resetAdmission } = useActions()
  const flags = useMemo(() => flagsOf(plugins ?? []), [plugins])

  useEffect(() => {
    // No close() in a cleanup: StrictMode's second mount would see the `close` event and shut the panel.
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  const list = plugins ?? []
  const enabledCount = list.filter((p) => p.enabled).length
  return (
    <dialog
      ref={dialog}
      className="admission-panel"
      aria-labelledby="admission-title"
      data-testid="admission-panel"
      onClose={onClose}
      onClick={(event) => {
        // The content fills the dialog, so a click on the dialog element itself is on the backdrop.
        if (event.target === event.currentTarget) event.currentTarget.close()
      }}
    >
      <div className="admission-panel__inner">
        <header className="admission-panel__header">
          <div>
            <p className="panel__eyebrow">kube-apiserver v1.35</p>
            <h2 id="admission-title" className="panel__title">
              Admission plugins
            </h2>
            <p className="admission-panel__lead">
              {enabledCount} of {list.length} enabled, in the order the chain calls them.
            </p>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Close"
            title="Close"
            onClick={() => dialog.current?.close()}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </header>
        <div className="admission-panel__notes">
          <p className="admission-panel__restart" role="status">
            <span aria-hidden="true">↻</span> {busy ? 'Restarting the cluster…' : RESTART_NOTE}
          </p>
          {error && (
            <p className="admission-panel__error" role="alert">
              {error}
            </p>
          )}
          <p className="admission-panel__legend">
            <span className="phase phase--m">M</span> mutating (Admit)
            <span className="phase phase--v">V</span> validating (Validate)
            <span className="admission-panel__legend-item">
              <span className="sim-dot" aria-hidden="true" /> not simulated yet
            </span>
          </p>
        </div>
        <ol className="admission-list" aria-label="Admission plugins in chain order">
          {list.map((plugin, i) => (
            <PluginRow key={plugin.name} plugin={plugin} index={i + 1} busy={busy} />
          ))}
        </ol>
        <footer className="admission-panel__footer">
          <div className="admission-panel__footer-head">
            <span className="field__label">Equivalent kube-apiserver flags</span>
            <button
              type="button"
              className="button"
              disabled={busy || isDefaultFlags(flags)}
              onClick={() => void resetAdmission()}
            >
              Reset to v1.35 defaults
            </button>
          </div>
          <code
            className="admission-panel__flags"
            data-testid="admission-flags"
            data-default={isDefaultFlags(flags) || undefined}
          >
            {isDefaultFlags(flags) ? 'none: the v1.35 default set' : <FlagsText flags={flags} />}
          </code>
        </footer>
      </div>
    </dialog>
  )
}
