/** An M or V badge; an empty slot keeps the column aligned for a plugin without that half. */
export function Phase({
  on,
  letter,
  name,
  phase,
}: {
  on: boolean
  letter: string
  name: string
  phase: string
}) {
  if (!on) return <span className="phase" data-off aria-hidden="true" />
  return (
    <span className={`phase phase--${letter.toLowerCase()}`} title={`${name}: runs in the ${phase} phase`}>
      <span aria-hidden="true">{letter}</span>
      <span className="visually-hidden">{name}</span>
    </span>
  )
}
