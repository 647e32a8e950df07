import { useActions } from '../../state/hooks'

export function ResetButton() {
  const { resetCluster } = useActions()
  return (
    <button
      type="button"
      className="button button--quiet"
      onClick={() => void resetCluster()}
      title="Restore the scenario's objects and undo every request sent since"
    >
      <span>
        Reset<span className="button__more"> cluster</span>
      </span>
    </button>
  )
}
