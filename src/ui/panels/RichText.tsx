/** Prose with `code` spans, as the stage guide writes them. */
export function RichText({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
}
