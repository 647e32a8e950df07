import type { TraceEntry } from '../../engine'

/** Steps that had nothing to do (most admission plugins, most of the time), folded into one line. */
export function QuietSteps({ entries }: { entries: TraceEntry[] }) {
  if (entries.length === 0) return null
  return (
    <details className="quiet-steps">
      <summary>
        {entries.length === 1
          ? `${entries[0]!.step} had nothing to do`
          : `${entries.length} more steps had nothing to do`}
        <span className="muted">: {entries.map((e) => e.step).join(', ')}</span>
      </summary>
      <ul>
        {entries.map((e, i) => (
          <li key={i}>
            <code>{e.step}</code> {e.summary}
          </li>
        ))}
      </ul>
    </details>
  )
}
