import { useAppShallow } from '../../state/hooks'
import type { AccessFilter, SubjectKind } from '../../worker/access'

const KINDS: (SubjectKind | '')[] = ['', 'User', 'Group', 'ServiceAccount']

/** Namespace, subject kind and the bootstrap policy switch for the bindings graph. */
export function AccessFilters({
  filter,
  onChange,
}: {
  filter: AccessFilter
  onChange(patch: Partial<AccessFilter>): void
}) {
  const namespaces = useAppShallow((s) => s.snapshot?.namespaces ?? [])
  return (
    <div className="access-filters" role="group" aria-label="Graph filters">
      <label className="field">
        <span className="field__label">Namespace</span>
        <select
          aria-label="Graph namespace"
          value={filter.namespace}
          onChange={(e) => onChange({ namespace: e.target.value, focus: null })}
        >
          <option value="">all namespaces</option>
          {namespaces.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Subject kind</span>
        <select
          aria-label="Subject kind"
          value={filter.subjectKind}
          onChange={(e) => onChange({ subjectKind: e.target.value as SubjectKind | '', focus: null })}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k || 'any kind'}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.hideSystem}
          onChange={(e) => onChange({ hideSystem: e.target.checked, focus: null })}
        />
        <span>
          Hide <code>system:</code> objects
        </span>
      </label>
    </div>
  )
}
