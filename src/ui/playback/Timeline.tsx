import { useMemo } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { documentRange, stepWait } from '../../state/timeline'
import type { Step } from '../../state/timeline'
import { formatLatency } from '../diagram/webhooks'
import { formatMicros } from '../format'
import { describeStep } from './describeStep'
import { TimelineSlider } from './TimelineSlider'
import './timeline.css'

const LONG_WAIT_MICROS = 1_000_000

/**
 * The whole run is one slider (one Tab stop, arrows and a drag move it); under it, the steps of the
 * document being played, one tick per trace entry plus one where each answer reaches kubectl, grouped by
 * stage. A manifest of a thousand objects therefore shows a thousand-document slider and one document's
 * ticks, never tens of thousands of buttons. The ticks are for the mouse; the keyboard has the slider.
 */
export function Timeline() {
  const steps = useApp((s) => s.steps)
  const position = useApp((s) => s.position)

  if (steps.length === 0) {
    return (
      <div className="timeline timeline--empty">
        Press Send to run the request; its path appears here, one tick per step.
      </div>
    )
  }
  return (
    <div className="timeline">
      <TimelineSlider />
      <DocumentTicks steps={steps} position={position} />
    </div>
  )
}

function DocumentTicks({ steps, position }: { steps: readonly Step[]; position: number }) {
  const results = useApp((s) => s.results)
  const { selectStep } = useActions()
  const { start, end } = documentRange(steps, position)
  const indices = useMemo(() => Array.from({ length: end - start }, (_, i) => start + i), [start, end])

  return (
    <ol className="timeline__ticks" aria-label="Steps of this object">
      {indices.map((i) => {
        const step = steps[i]!
        const previous = i > start ? steps[i - 1] : undefined
        const callStart = previous?.kind === 'response'
        const stageStart =
          !callStart && previous !== undefined && (step.kind === 'response' || previous.stage !== step.stage)
        const label = describeStep(step, results)
        const wait = stepWait(step)
        return (
          <li
            key={i}
            className={`timeline__item${callStart ? ' timeline__item--call-start' : ''}${stageStart ? ' timeline__item--stage-start' : ''}`}
          >
            <button
              type="button"
              tabIndex={-1}
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
