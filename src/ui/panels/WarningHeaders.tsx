/**
 * The response's `Warning` headers: how PodSecurity's warn mode, deprecated APIs and unknown fields reach
 * kubectl without failing the request. Shown unquoted for legibility; the caption gives the wire form.
 */
export function WarningHeaders({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null
  return (
    <>
      <h3 className="panel__heading">
        Warning {warnings.length === 1 ? 'header' : 'headers'}{' '}
        <span className="count-badge count-badge--warn">{warnings.length}</span>
      </h3>
      <p className="muted warnings__caption">
        Each travels as <code>Warning: 299 - "…"</code>; kubectl prints it on stderr and carries on.
      </p>
      <ul className="warnings" data-testid="response-warnings">
        {warnings.map((w, i) => (
          <li key={i}>
            <span className="warnings__name">Warning:</span> {w}
          </li>
        ))}
      </ul>
    </>
  )
}
