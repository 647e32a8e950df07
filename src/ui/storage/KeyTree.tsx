import { useMemo } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { buildKeyTree } from './keyTree'
import type { KeyNode } from './keyTree'

/** Every key under /registry, folded by resource and namespace; the selected key's folders start open. */
export function KeyTree() {
  const entries = useApp((s) => s.snapshot?.entries)
  const selected = useApp((s) => s.storageKey)
  const tree = useMemo(() => buildKeyTree(entries ?? []), [entries])
  return (
    <nav className="key-tree" aria-label="etcd keys">
      <ul className="key-tree__list">
        {tree.children.map((node) => (
          <TreeNode key={node.path} node={node} selected={selected} />
        ))}
      </ul>
    </nav>
  )
}

function TreeNode({ node, selected }: { node: KeyNode; selected: string | null }) {
  const { inspectKey } = useActions()
  if (node.entry) {
    const current = node.entry.key === selected
    return (
      <li>
        <button
          type="button"
          className="key-tree__key"
          data-key={node.entry.key}
          aria-current={current || undefined}
          onClick={() => void inspectKey(node.entry!.key)}
          title={`${node.entry.key} (mod revision ${node.entry.modRevision})`}
        >
          <span className="key-tree__name">{node.label}</span>
          <span className="key-tree__rev">rev {node.entry.modRevision}</span>
        </button>
      </li>
    )
  }
  const holdsSelected = selected !== null && selected.startsWith(node.path)
  return (
    <li>
      <details className="key-tree__folder" open={holdsSelected || undefined} data-prefix={node.path}>
        <summary>
          <span className="key-tree__name">{node.label}/</span>
          <span className="key-tree__count">{node.count}</span>
        </summary>
        <ul className="key-tree__list">
          {node.children.map((child) => (
            <TreeNode key={child.path} node={child} selected={selected} />
          ))}
        </ul>
      </details>
    </li>
  )
}
