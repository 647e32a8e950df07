import type { JsonPatchOperation } from '../../engine'

/** JSON Patch operations, one per line, as the inspector shows what a step changed. */
export function PatchList({
  ops,
  label,
  className = 'entry__patch',
}: {
  ops: readonly JsonPatchOperation[]
  label: string
  className?: string
}) {
  return (
    <ul className={className} aria-label={label}>
      {ops.map((op, i) => (
        <li key={i}>
          <code>
            {op.op} {op.path}
            {op.value !== undefined ? ` = ${JSON.stringify(op.value)}` : ''}
          </code>
        </li>
      ))}
    </ul>
  )
}
