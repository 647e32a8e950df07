import type { TraceEntry } from '../../engine'
import type { Conflict, Ownership } from '../../engine/fieldmanager/fieldManager'
import './fieldOwnership.css'

/** The keys of a field-manager step's `data` this view shows, so the generic list can leave them out. */
export const OWNERSHIP_DATA_KEYS = ['ownership', 'conflicts']

function ownershipOf(entry: TraceEntry): Ownership[] {
  const list = entry.data?.ownership
  return Array.isArray(list) ? (list as Ownership[]) : []
}

function conflictsOf(entry: TraceEntry): Conflict[] {
  const list = entry.data?.conflicts
  return Array.isArray(list) ? (list as Conflict[]) : []
}

/**
 * managedFields read as a table: each field manager, how it wrote (Apply or Update, and on which
 * subresource), and the fields it owns. Fields a refused apply tried to take are marked.
 */
export function FieldOwnership({ entry }: { entry: TraceEntry }) {
  const owners = ownershipOf(entry)
  if (!owners.length) return null
  const contested = new Set(conflictsOf(entry).map((c) => `${c.manager}\n${c.path}`))
  return (
    <section className="ownership" aria-label="Field ownership">
      <h4 className="ownership__title">
        Field ownership <span className="ownership__hint">metadata.managedFields</span>
      </h4>
      <ul className="ownership__managers">
        {owners.map((o) => (
          <li
            key={`${o.manager}/${o.operation}/${o.subresource ?? ''}/${o.apiVersion}`}
            className="ownership__manager"
          >
            <div className="ownership__head">
              <code className="ownership__name">{o.manager}</code>
              <span className={`ownership__op ownership__op--${o.operation.toLowerCase()}`}>
                {o.operation}
              </span>
              {o.operation === 'Update' && <span className="ownership__meta">{o.apiVersion}</span>}
              {o.subresource && <span className="ownership__meta">/{o.subresource}</span>}
            </div>
            <FieldList fields={o.fields} isContested={(f) => contested.has(`${o.manager}\n${f}`)} />
          </li>
        ))}
      </ul>
    </section>
  )
}

/** How many fields a manager shows before the rest fold away (a create owns dozens of defaulted fields). */
const SHOWN = 8

function FieldList({ fields, isContested }: { fields: string[]; isContested: (field: string) => boolean }) {
  // Contested fields always show, so a conflict is never folded out of sight.
  const shown = fields.filter((f, i) => i < SHOWN || isContested(f))
  const rest = fields.filter((f) => !shown.includes(f))
  const item = (f: string) => {
    const hit = isContested(f)
    return (
      <li key={f} className={hit ? 'ownership__field ownership__field--conflict' : 'ownership__field'}>
        <code>{f}</code>
        {hit && <span className="ownership__conflict">conflict</span>}
      </li>
    )
  }
  return (
    <>
      <ul className="ownership__fields">{shown.map(item)}</ul>
      {rest.length > 0 && (
        <details className="ownership__more">
          <summary>
            {rest.length} more field{rest.length === 1 ? '' : 's'}
          </summary>
          <ul className="ownership__fields">{rest.map(item)}</ul>
        </details>
      )}
    </>
  )
}
