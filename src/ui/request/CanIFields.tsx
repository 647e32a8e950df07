import { DEFAULT_CAN_I } from '../../state/runSlice'
import { useActions, useApp } from '../../state/hooks'
import type { CanISettings } from '../../state/types'

/** `kubectl auth can-i <verb> <resource>[/<name>]`, or `--list` for everything in the namespace. */
export function CanIFields() {
  const canI = useApp((s) => s.settings.canI ?? DEFAULT_CAN_I)
  const { changeSettings } = useActions()
  const change = (patch: Partial<CanISettings>) => changeSettings({ canI: { ...canI, ...patch } })
  return (
    <fieldset className="field field--group can-i-fields">
      <legend className="field__label">kubectl auth can-i</legend>
      <input
        aria-label="can-i verb"
        placeholder="verb"
        value={canI.verb}
        onChange={(e) => change({ verb: e.target.value })}
        spellCheck={false}
        disabled={canI.list}
      />
      <input
        aria-label="can-i resource"
        placeholder="resource[/subresource]"
        value={canI.resource}
        onChange={(e) => change({ resource: e.target.value })}
        spellCheck={false}
        disabled={canI.list}
      />
      <input
        aria-label="can-i name"
        placeholder="name (optional)"
        value={canI.name}
        onChange={(e) => change({ name: e.target.value })}
        spellCheck={false}
        disabled={canI.list}
      />
      <label className="check">
        <input
          type="checkbox"
          aria-label="--list"
          checked={canI.list}
          onChange={(e) => change({ list: e.target.checked })}
        />
        <span>--list</span>
      </label>
    </fieldset>
  )
}
