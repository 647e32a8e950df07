// typescript-json-schema sees only `number` in the .d.ts: the OpenAPI int32/int64 formats are gone by then. The
// kubernetes-models validators (precompiled ajv, built from the same OpenAPI spec) still know them, so they serve as
// an oracle: put 1.5 at every numeric field of a kind and keep the fields the validator rejects with "must be integer".

const refName = (ref) => decodeURIComponent(ref.replace('#/definitions/', ''))

function isNumeric(s) {
  if (!s || typeof s !== 'object') return false
  return s.type === 'number' || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'number')
}

/** `$ref`s directly reachable from a property schema, with the path step that leads into each. */
function childRefs(ps) {
  const out = []
  if (!ps || typeof ps !== 'object') return out
  if (ps.$ref) out.push({ ref: ps.$ref, steps: [] })
  if (ps.items && ps.items.$ref) out.push({ ref: ps.items.$ref, steps: [0] })
  if (ps.additionalProperties && ps.additionalProperties.$ref)
    out.push({ ref: ps.additionalProperties.$ref, steps: ['k'] })
  for (const alt of [...(ps.anyOf ?? []), ...(ps.oneOf ?? [])])
    if (alt.$ref) out.push({ ref: alt.$ref, steps: [] })
  return out
}

function setAt(obj, path, value) {
  let cur = obj
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]
    cur[key] ??= typeof path[i + 1] === 'number' ? [] : {}
    cur = cur[key]
  }
  cur[path[path.length - 1]] = value
}

/**
 * @returns Set of `${definition}#${property}` whose value (or, for arrays, whose items) is an integer.
 * Definition names are the raw typescript-json-schema names.
 */
export function findIntegerPaths(raw, resources, modelFor) {
  const defs = raw.definitions
  const visited = new Set()
  const found = new Set()
  for (const r of resources) {
    const candidates = new Map() // instancePath -> key
    const queue = [{ def: refName(raw.properties[r.kind].$ref), path: [] }]
    while (queue.length) {
      const { def, path } = queue.shift()
      if (visited.has(def)) continue
      visited.add(def)
      for (const [prop, ps] of Object.entries(defs[def].properties ?? {})) {
        const key = `${def}#${prop}`
        if (isNumeric(ps)) candidates.set([...path, prop], key)
        else if (ps.type === 'array' && isNumeric(ps.items)) candidates.set([...path, prop, 0], key)
        for (const { ref, steps } of childRefs(ps))
          queue.push({ def: refName(ref), path: [...path, prop, ...steps] })
      }
    }
    if (!candidates.size) continue
    const probe = { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind }
    const byPointer = new Map()
    for (const [path, key] of candidates) {
      setAt(probe, path, 1.5)
      byPointer.set('/' + path.join('/'), key)
    }
    const Model = modelFor(r)
    let errors = []
    try {
      new Model(probe).validate()
    } catch (e) {
      if (!Array.isArray(e.errors)) throw e
      errors = e.errors
    }
    for (const err of errors) {
      if (err.keyword === 'type' && err.params?.type === 'integer' && byPointer.has(err.instancePath)) {
        found.add(byPointer.get(err.instancePath))
      }
    }
  }
  return found
}
