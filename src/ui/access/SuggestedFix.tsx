import { useActions, useApp } from '../../state/hooks'
import './access.css'

export interface Suggestion {
  yaml: string
  explanation: string
}

export function isSuggestion(value: unknown): value is Suggestion {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.yaml === 'string' && typeof v.explanation === 'string'
}

/** The authorizer's smallest grant for a refused request, and a button that applies it and sends again. */
export function SuggestedFix({ suggestion }: { suggestion: Suggestion }) {
  const { applyFix } = useActions()
  const busy = useApp((s) => s.busy)
  return (
    <div className="suggested-fix" data-testid="suggested-fix">
      <div className="suggested-fix__head">
        <p className="suggested-fix__title">Suggested fix</p>
        <button
          type="button"
          className="button button--primary button--small"
          disabled={busy}
          onClick={() => void applyFix(suggestion.yaml)}
          title="kubectl apply this as the cluster admin, then send the refused request again"
        >
          Apply fix
        </button>
      </div>
      <p className="suggested-fix__explanation">{suggestion.explanation}</p>
      <pre className="suggested-fix__yaml">{suggestion.yaml}</pre>
    </div>
  )
}
