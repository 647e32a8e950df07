// The bundled example scenarios, as text. The worker parses them; the main thread only lists them.
const files = import.meta.glob('./*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

export interface Example {
  /** The scenario's `name` (its id in `?scenario=<name>`). */
  name: string
  title: string
  text: string
}

function field(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(text)
  return match?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2')
}

// File names start with a number, so the menu lists examples in teaching order.
export const EXAMPLES: readonly Example[] = Object.entries(files)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, text]) => {
    const name = field(text, 'name') ?? path.replace(/^\.\/|\.yaml$/g, '')
    return { name, title: field(text, 'title') ?? name, text }
  })
