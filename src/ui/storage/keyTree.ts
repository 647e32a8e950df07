// The /registry key space as a tree of path segments: resource, namespace, name.
import type { StoredEntry } from '../../engine'

export interface KeyNode {
  /** The path up to here, ending in `/` for folders: `/registry/pods/default/`. */
  path: string
  label: string
  /** Set on a leaf: the stored entry. */
  entry?: StoredEntry
  children: KeyNode[]
  /** Keys below (or 1 for a leaf). */
  count: number
}

export function buildKeyTree(entries: readonly StoredEntry[]): KeyNode {
  const root: KeyNode = { path: '/registry/', label: '/registry', children: [], count: 0 }
  for (const entry of entries) {
    const parts = entry.key.replace(/^\/registry\//, '').split('/')
    let node = root
    node.count += 1
    parts.forEach((part, i) => {
      const leaf = i === parts.length - 1
      const path = `${node.path}${part}${leaf ? '' : '/'}`
      let child = node.children.find((c) => c.path === path)
      if (!child) {
        child = { path, label: part, children: [], count: 0 }
        node.children.push(child)
      }
      child.count += 1
      if (leaf) child.entry = entry
      node = child
    })
  }
  return root
}

/** Folders that hold keys directly or hold namespaces: what a watch can follow, e.g. pods in default. */
export function watchablePrefixes(entries: readonly StoredEntry[]): string[] {
  const prefixes = new Set<string>()
  for (const { key } of entries) {
    const folder = key.slice(0, key.lastIndexOf('/') + 1)
    prefixes.add(folder)
  }
  return [...prefixes].sort()
}
