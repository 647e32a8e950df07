import { Panel } from '@xyflow/react'
import type { NodeState } from '../../state/timeline'

const ITEMS: { state: NodeState; label: string }[] = [
  { state: 'active', label: 'working' },
  { state: 'passed', label: 'passed' },
  { state: 'mutated', label: 'changed the object' },
  { state: 'rejected', label: 'rejected' },
  { state: 'skipped', label: 'bypassed' },
]

export function Legend() {
  return (
    <Panel position="top-left" className="legend" aria-label="Legend">
      {ITEMS.map((item) => (
        <span key={item.state} className={`legend__item legend__item--${item.state}`}>
          {item.label}
        </span>
      ))}
    </Panel>
  )
}
