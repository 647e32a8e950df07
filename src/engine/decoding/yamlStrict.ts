// What sigs.k8s.io/yaml's YAMLToJSONStrict adds for a YAML body under a strict decoder (the json
// serializer's unmarshal, apimachinery/pkg/runtime/serializer/json): go-yaml's UnmarshalStrict refuses a key
// repeated in one mapping, one line per repetition, numbered by the line of the repeated key's value:
//   yaml: unmarshal errors:
//     line 4: key "name" already set in map
// The non-strict conversion keeps the last value, as the body decoded here does.
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml'
import { goQuote } from '../goQuote'

/** go-yaml's %#v of a scalar key: strings quoted, numbers and booleans bare. */
function keyText(value: unknown): string {
  return typeof value === 'string' ? goQuote(value) : String(value)
}

export function yamlDuplicateKeysError(doc: Document, lines: LineCounter): string | undefined {
  const found: string[] = []
  const stack: unknown[] = [doc.contents]
  while (stack.length) {
    const node = stack.pop()
    if (!node || typeof node !== 'object') continue
    if (isMap(node)) {
      const seen = new Set<string>()
      for (const pair of node.items) {
        const key = pair.key as Node | null
        if (isScalar(key)) {
          const id = `${typeof key.value}:${String(key.value)}`
          if (seen.has(id)) {
            const at = (pair.value as Node | null)?.range?.[0] ?? key.range?.[0] ?? 0
            found.push(`line ${lines.linePos(at).line}: key ${keyText(key.value)} already set in map`)
          }
          seen.add(id)
        }
        stack.push(pair.value)
      }
    } else if ('items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      for (const item of (node as { items: unknown[] }).items) stack.push(item)
    }
  }
  // The stack visits mappings last-first; go-yaml reports in document order.
  found.sort((a, b) => Number(/^line (\d+)/.exec(a)![1]) - Number(/^line (\d+)/.exec(b)![1]))
  return found.length ? `yaml: unmarshal errors:\n  ${found.join('\n  ')}` : undefined
}

/** json.Marshal's refusal of a float JSON cannot hold, which YAMLToJSON meets for `.nan` and `.inf`. */
export function unsupportedFloatError(value: unknown): string | undefined {
  const stack: unknown[] = [value]
  while (stack.length) {
    const node = stack.pop()
    if (typeof node === 'number' && !Number.isFinite(node))
      return `json: unsupported value: ${Number.isNaN(node) ? 'NaN' : node > 0 ? '+Inf' : '-Inf'}`
    if (node && typeof node === 'object') for (const child of Object.values(node)) stack.push(child)
  }
  return undefined
}

/** go-yaml's words for what the yaml library reports differently: an alias with no anchor before it. */
export function goYamlError(message: string): string {
  const alias = /^Unresolved alias \(the anchor must be set before the alias\): (.*)$/.exec(message)
  if (alias) return `yaml: unknown anchor '${alias[1]}' referenced`
  return `yaml: ${message}`
}
