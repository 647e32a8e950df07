import { useMemo } from 'react'
import { flagsOf, isDefaultFlags } from '../../state/admission'
import { RESTART_NOTE } from '../../state/admissionSlice'
import { useActions, useApp } from '../../state/hooks'
import { FlagsText } from './FlagsText'
import { PluginRow } from './PluginRow'
import { Drawer } from '../Drawer'
import '../styles/admission.css'

/**
 * kube-apiserver's admission chain as switches, in the order the chain calls the plugins. A modal
 * drawer: the switches restart the cluster, so the learner should not be sending requests meanwhile.
 */
export function AdmissionPanel({ onClose }: { onClose(): void }) {
  const plugins = useApp((s) => s.snapshot?.admission)
  const busy = useApp((s) => s.busy)
  const error = useApp((s) => s.error)
  const { resetAdmission } = useActions()
  const flags = useMemo(() => flagsOf(plugins ?? []), [plugins])

  const list = plugins ?? []
  const enabledCount = list.filter((p) => p.enabled).length
  return (
    <Drawer
      name="admission"
      eyebrow="kube-apiserver v1.35"
      title="Admission plugins"
      lead={`${enabledCount} of ${list.length} enabled, in the order the chain calls them.`}
      onClose={onClose}
    >
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
    </Drawer>
  )
}
