import type { StageId } from '../../engine'
import { useActions, useApp, useAppShallow } from '../../state/hooks'
import { selectAdmissionPlugins, selectStageEntries } from '../../state/selectors'

/** The admission chain inside an admission node, in the order kube-apiserver calls the plugins. */
export function PluginList({ stage, phase }: { stage: StageId; phase: 'mutating' | 'validating' }) {
  const open = useApp((s) => s.openPluginLists.includes(stage))
  const { togglePlugins } = useActions()
  const plugins = useAppShallow((s) => selectAdmissionPlugins(s, phase))
  const entries = useAppShallow((s) => selectStageEntries(s, stage))
  if (plugins.length === 0) return null

  return (
    <div className="plugin-list nodrag nopan">
      <button
        type="button"
        className="plugin-list__toggle"
        aria-expanded={open}
        onClick={(event) => {
          // The node itself selects on click; the toggle only opens the list.
          event.stopPropagation()
          togglePlugins(stage)
        }}
      >
        {open ? '▾' : '▸'} {plugins.length} plugins
      </button>
      {open && (
        <ol className="plugin-list__items">
          {plugins.map((name) => {
            const mine = entries.filter((e) => e.step === name)
            const outcome = mine.find((e) => e.outcome === 'rejected')
              ? 'rejected'
              : mine.find((e) => e.outcome === 'mutated')
                ? 'mutated'
                : (mine[0]?.outcome ?? 'idle')
            return (
              <li
                key={name}
                data-plugin={name}
                data-state={outcome}
                title={mine[0] ? `${name}: ${mine[0].summary}` : name}
              >
                {name}
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
}
