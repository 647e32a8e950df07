import type { NodeState } from '../../state/timeline'

const LABELS: Record<NodeState, string> = {
  idle: 'waiting',
  active: 'working…',
  passed: 'passed',
  mutated: 'mutated',
  rejected: 'rejected',
  skipped: 'skipped',
}

const ICONS: Record<NodeState, string> = {
  idle: '○',
  active: '◉',
  passed: '✓',
  mutated: '✎',
  rejected: '✕',
  skipped: '↷',
}

export function StateBadge({ state, changes }: { state: NodeState; changes: number }) {
  return (
    <span className={`state-badge state-badge--${state}`}>
      <span aria-hidden="true">{ICONS[state]}</span> {LABELS[state]}
      {state === 'mutated' && changes > 0 && (
        <span
          className="state-badge__count"
          title={`${changes} ${changes === 1 ? 'change' : 'changes'} to the object`}
        >
          +{changes}
        </span>
      )}
    </span>
  )
}
