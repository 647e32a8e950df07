import type { AdmissionPluginInfo } from '../../engine'
import { useActions } from '../../state/hooks'
import { Phase } from './Phase'

/** One plugin: its switch (named by the plugin, for assistive tech and tests), halves, default and model. */
export function PluginRow({
  plugin,
  index,
  busy,
}: {
  plugin: AdmissionPluginInfo
  index: number
  busy: boolean
}) {
  const { setAdmissionPlugin } = useActions()
  const id = `plugin-${plugin.name}`
  const changed = plugin.enabled !== plugin.defaultOn
  return (
    <li
      className="plugin-row"
      data-plugin={plugin.name}
      data-enabled={plugin.enabled}
      data-changed={changed || undefined}
    >
      <span className="plugin-row__index" aria-hidden="true">
        {index}
      </span>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={plugin.enabled}
        disabled={busy}
        aria-describedby={`${id}-about`}
        onChange={(event) => void setAdmissionPlugin(plugin.name, event.target.checked)}
      />
      <div className="plugin-row__text">
        <label htmlFor={id} className="plugin-row__name">
          {plugin.name}
        </label>
        <span id={`${id}-about`} className="plugin-row__about">
          <span className={plugin.defaultOn ? 'plugin-row__default' : undefined}>
            {plugin.defaultOn ? 'on by default' : 'optional'}
          </span>
          {changed && <span className="plugin-row__changed">{plugin.enabled ? 'enabled' : 'disabled'}</span>}
          {!plugin.implemented && (
            <span className="plugin-row__unsimulated">
              <span className="sim-dot" aria-hidden="true" /> shown in the chain, not simulated
            </span>
          )}
        </span>
      </div>
      <span className="plugin-row__phases">
        <Phase on={plugin.mutating} letter="M" name="mutating" phase="Admit" />
        <Phase on={plugin.validating} letter="V" name="validating" phase="Validate" />
      </span>
    </li>
  )
}
