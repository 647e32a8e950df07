import type { StageId } from '../../engine'
import { useApp, useAppShallow } from '../../state/hooks'
import {
  selectCurrentCall,
  selectFocusedStage,
  selectStageEntries,
  selectStageView,
} from '../../state/selectors'
import { STAGE_ORDER, stageInfo } from '../../state/stages'
import { StorageKeyLink } from '../storage/StorageKeyLink'
import { VersionsBlock } from '../storage/VersionsBlock'
import { ClientInspector } from './ClientInspector'
import { GuideNotes } from './GuideNotes'
import { RichText } from './RichText'
import { ObjectDiff } from './ObjectDiff'
import { stageBeforeAfter } from './objectDiff'
import { STAGE_GUIDE } from './stageGuide'
import { QuietSteps } from './QuietSteps'
import { TraceEntryView } from './TraceEntryView'

const CHANGING_STAGES: readonly StageId[] = ['decoding', 'mutating-admission', 'validation', 'storage']

/** Explains the focused stage: what it does in kube-apiserver, and what it did to this request. */
export function StageInspector() {
  const focused = useApp(selectFocusedStage)
  return (
    <section
      className="panel inspector"
      aria-label="Inspector"
      data-testid="inspector"
      data-inspecting={focused}
    >
      {focused === 'client' ? <ClientInspector /> : <StageDetails stage={focused} />}
    </section>
  )
}

function StageDetails({ stage }: { stage: StageId }) {
  const info = stageInfo(stage)
  const guide = STAGE_GUIDE[stage]
  const entries = useAppShallow((s) => selectStageEntries(s, stage))
  const state = useApp((s) => selectStageView(s, stage).state)
  const call = useApp(selectCurrentCall)
  const hasRun = useApp((s) => s.steps.length > 0)
  const change =
    call && CHANGING_STAGES.includes(stage) && entries.length > 0 ? stageBeforeAfter(call, stage) : null

  return (
    <>
      <header className="panel__header">
        <div>
          <p className="panel__eyebrow">
            Stage {STAGE_ORDER.indexOf(stage) + 1} of {STAGE_ORDER.length}
          </p>
          <h2 className="panel__title">{info?.title ?? stage}</h2>
          <p className="panel__source">
            <code>{info?.source}</code>
          </p>
        </div>
        {info && (
          <a className="docs-link" href={info.docs} target="_blank" rel="noreferrer">
            Kubernetes docs <span aria-hidden="true">↗</span>
          </a>
        )}
      </header>
      <div className="panel__body">
        <h3 className="panel__heading">What this stage does</h3>
        {guide.what.map((p, i) => (
          <p key={i}>
            <RichText text={p} />
          </p>
        ))}
        <h3 className="panel__heading">What happened to this request</h3>
        {entries.length > 0 ? (
          <>
            <ul className="entries">
              {entries
                .filter((e) => e.outcome !== 'skipped')
                .map((entry, i) => (
                  <TraceEntryView key={i} entry={entry} />
                ))}
            </ul>
            <QuietSteps entries={entries.filter((e) => e.outcome === 'skipped')} />
          </>
        ) : (
          <p className="muted">
            {!hasRun
              ? 'Nothing yet: press Send, and this stage’s decisions appear here.'
              : state === 'skipped'
                ? 'This stage had nothing to do for this request.'
                : 'The request has not reached this stage.'}
          </p>
        )}
        {stage === 'storage' && hasRun && <StorageKeyLink />}
        {(stage === 'decoding' || stage === 'storage') && entries.length > 0 && <VersionsBlock />}
        {change && (
          <>
            <h3 className="panel__heading">The object, before and after this stage</h3>
            <ObjectDiff before={change.before} after={change.after} />
          </>
        )}
        <GuideNotes guide={guide} />
      </div>
    </>
  )
}
