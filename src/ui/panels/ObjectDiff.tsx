import { useMemo } from 'react'
import type { KubeObject } from '../../engine'
import { diffLines, foldDiff, toYaml } from './objectDiff'

/** A compact unified diff of two objects, printed as YAML. */
export function ObjectDiff({ before, after }: { before: KubeObject; after: KubeObject }) {
  const lines = useMemo(() => foldDiff(diffLines(toYaml(before), toYaml(after)), 2), [before, after])
  const changed = lines.some((l) => l.kind === 'added' || l.kind === 'removed')
  if (!changed) return <p className="muted">The object left this stage unchanged.</p>
  return (
    <pre className="diff" aria-label="Changes to the object" data-testid="object-diff">
      {lines.map((line, i) => (
        <span key={i} className={`diff__line diff__line--${line.kind}`}>
          <span className="diff__sign" aria-hidden="true">
            {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
          </span>
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  )
}
