import { useMemo, useRef } from 'react'
import type { KeyboardEvent, PointerEvent } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { documentStarts, lastPosition, trackSegments } from '../../state/timeline'
import type { Step } from '../../state/timeline'
import { describeStep } from './describeStep'

/** Enough blocks to see where things were rejected or changed, few enough for any manifest. */
const MAX_SEGMENTS = 240

/** The next (or previous) place worth a jump: the start of another object, or of another stage in one. */
function jump(
  steps: readonly Step[],
  starts: readonly number[],
  position: number,
  direction: 1 | -1,
): number {
  const marks =
    starts.length > 1
      ? starts
      : steps.flatMap((s, i) => {
          const p = steps[i - 1]
          return i === 0 || s.kind === 'response' || p?.kind === 'response' || p?.stage !== s.stage ? [i] : []
        })
  if (direction === 1) return marks.find((m) => m > position) ?? lastPosition(steps)
  return [...marks].reverse().find((m) => m < position) ?? 0
}

/**
 * The playback position as one ARIA slider: arrows step, Page Up/Down jump by object (or by stage when
 * there is one object), Home/End go to the ends, and a mouse drags anywhere along the track.
 */
export function TimelineSlider() {
  const steps = useApp((s) => s.steps)
  const results = useApp((s) => s.results)
  const position = useApp((s) => s.position)
  const { selectStep } = useActions()
  const track = useRef<HTMLDivElement>(null)
  const segments = useMemo(() => trackSegments(steps, MAX_SEGMENTS), [steps])
  const starts = useMemo(() => documentStarts(steps), [steps])
  const last = lastPosition(steps)
  const step = steps[position]
  const object = starts.filter((s) => s <= position).length
  const where = starts.length > 1 ? `object ${object} of ${starts.length}, ` : ''
  const text = step ? `Step ${position + 1} of ${steps.length}, ${where}${describeStep(step, results)}` : ''

  const goTo = (index: number) => selectStep(Math.max(0, Math.min(last, index)))
  const fromPointer = (event: PointerEvent) => {
    const box = track.current?.getBoundingClientRect()
    if (!box || box.width === 0) return
    goTo(Math.round(((event.clientX - box.left) / box.width) * last))
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, () => number> = {
      ArrowRight: () => position + 1,
      ArrowUp: () => position + 1,
      ArrowLeft: () => position - 1,
      ArrowDown: () => position - 1,
      PageDown: () => jump(steps, starts, position, 1),
      PageUp: () => jump(steps, starts, position, -1),
      Home: () => 0,
      End: () => last,
    }
    const to = keys[event.key]
    if (!to) return
    event.preventDefault()
    goTo(to())
  }
  const percent = (i: number) => (last === 0 ? 0 : (i / last) * 100)

  return (
    <div className="timeline__slider">
      <div
        ref={track}
        className="timeline__track"
        role="slider"
        tabIndex={0}
        aria-label="Timeline"
        aria-valuemin={1}
        aria-valuemax={steps.length}
        aria-valuenow={position + 1}
        aria-valuetext={text}
        data-testid="timeline-slider"
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId)
          fromPointer(event)
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) fromPointer(event)
        }}
      >
        <div className="timeline__segments" aria-hidden="true">
          {segments.map((s) => (
            <span
              key={s.start}
              className={`timeline__segment timeline__segment--${s.tone}`}
              data-done={s.end <= position || undefined}
              style={{ flexGrow: s.end - s.start }}
            />
          ))}
        </div>
        {starts.length > 1 && starts.length <= 60 && (
          <div className="timeline__objects" aria-hidden="true">
            {starts.slice(1).map((s) => (
              <span key={s} className="timeline__object-mark" style={{ left: `${percent(s - 0.5)}%` }} />
            ))}
          </div>
        )}
        <span className="timeline__thumb" aria-hidden="true" style={{ left: `${percent(position)}%` }} />
      </div>
      <span className="timeline__caption" aria-hidden="true">
        {starts.length > 1 && (
          <>
            Object <b>{object}</b> of {starts.length} ·{' '}
          </>
        )}
        Step <b>{position + 1}</b> of {steps.length}
      </span>
    </div>
  )
}
