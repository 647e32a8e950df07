import type { KubectlResult } from '../../engine'
import { useActions, useApp } from '../../state/hooks'
import { STAGES } from '../../state/stages'
import { stepWait } from '../../state/timeline'
import type { Step } from '../../state/timeline'
import { formatLatency } from '../diagram/webhooks'
import { formatMicros } from '../format'
import './timeline.css'

function describe(step: Step, results: readonly KubectlResult[]): string {
  const call = results[step.result]?.calls[step.call]
  if (step.kind === 'response') return `Response ${step.code} back at kubectl`
  const entry = call?.trace[step.entry]
  const stage = STAGES.find((s) => s.id === step.stage)?.title ?? step.stage
  const wait = stepWait(step)
  return `${stage}: ${entry?.step ?? ''} ${step.outcome}${entry ? ` — ${entry.summary}` : ''}${wait ? ` (took ${formatMicros(wait)} of virtual time)` : ''}`
}

const LONG_WAIT_MICROS = 1_000_000

/**
 * One tick per trace entry, plus one where each answer reaches kubectl. Clicking a tick goes there. Ticks
 * are evenly spaced whatever each step cost; a step that waited outside the API server (a webhook's round
 * trip) is followed by a gap that names the wait, which playback itself shortens.
 */
export function Timeline() {
  const steps = useApp((s) => s.steps)
  const results = useApp((s) => s.results)
  const position = useApp((s) => s.position)
  const { selectStep } = useActions()

  if (steps.length === 0) {
    return (
      <div className="timeline timeline--empty">
        Press Send to run the request; its path appears here, one tick per step.
      </div>
    )
  }
  return (
    <ol className="timeline" aria-label="Timeline">
      {steps.map((step, i) => {
        const label = describe(step, results)
        const callStart = i > 0 && steps[i - 1]!.kind === 'response'
        const wait = stepWait(step)
        return (
          <li key={i} className={callStart ? 'timeline__item timeline__item--call-start' : 'timeline__item'}>
            <button
              type="button"
              className={`tick tick--${step.kind === 'response' ? (step.code < 400 ? 'ok' : 'error') : step.outcome}`}
              data-tick={i}
              data-current={i === position || undefined}
              data-done={i < position || undefined}
              aria-current={i === position ? 'step' : undefined}
              aria-label={`Step ${i + 1}. ${label}`}
              title={label}
              onClick={() => selectStep(i)}
            />
            {wait > 0 && (
              <span
                className={`timeline__wait${wait >= LONG_WAIT_MICROS ? ' timeline__wait--long' : ''}`}
                data-testid="timeline-wait"
                data-done={i < position || undefined}
                data-current={i === position || undefined}
                title={`The request waited ${formatMicros(wait)} of virtual time here; playback shortens the wait`}
                aria-hidden="true"
              >
                <span className="timeline__wait-icon">◷</span>
                {formatLatency(Math.round(wait / 1000))}
              </span>
            )}
          </li>
        )
      })}
    </ol>
  )
}
