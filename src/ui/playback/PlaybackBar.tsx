import { useContext } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { selectFinished } from '../../state/selectors'
import { SPEEDS } from '../../state/types'
import type { Speed } from '../../state/types'
import { PauseIcon, PlayIcon, ReplayIcon, StepBackIcon, StepForwardIcon } from './icons'
import { OpenHelpContext } from '../layout/ShortcutsHelp'
import { Timeline } from './Timeline'

function speedLabel(speed: Speed): string {
  return speed === 'instant' ? 'Instant' : `${speed}×`
}

export function PlaybackBar() {
  const { play, pause, stepBack, stepForward, setSpeed } = useActions()
  const playing = useApp((s) => s.playing)
  const speed = useApp((s) => s.speed)
  const hasTrace = useApp((s) => s.steps.length > 0)
  const atStart = useApp((s) => s.position === 0)
  const finished = useApp(selectFinished)
  const openHelp = useContext(OpenHelpContext)

  return (
    <div className="playback" role="group" aria-label="Playback">
      <div className="playback__buttons">
        <button
          type="button"
          className="icon-button"
          onClick={stepBack}
          disabled={!hasTrace || atStart}
          aria-label="Step back"
          title="Step back (J)"
        >
          <StepBackIcon />
        </button>
        {playing ? (
          <button
            type="button"
            className="icon-button icon-button--primary"
            onClick={pause}
            aria-label="Pause"
            title="Pause (K)"
          >
            <PauseIcon />
          </button>
        ) : (
          <button
            type="button"
            className="icon-button icon-button--primary"
            onClick={play}
            disabled={!hasTrace}
            aria-label={finished ? 'Replay' : 'Play'}
            title={`${finished ? 'Replay' : 'Play'} (K)`}
          >
            {finished ? <ReplayIcon /> : <PlayIcon />}
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          onClick={stepForward}
          disabled={!hasTrace || finished}
          aria-label="Step forward"
          title="Step forward (L)"
        >
          <StepForwardIcon />
        </button>
        <label className="playback__speed">
          <span className="visually-hidden">Speed</span>
          <select
            aria-label="Speed"
            value={String(speed)}
            onChange={(e) => setSpeed(SPEEDS.find((s) => String(s) === e.target.value) ?? 1)}
          >
            {SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Timeline />
      <button
        type="button"
        className="icon-button playback__help"
        onClick={openHelp}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        aria-keyshortcuts="?"
      >
        ?
      </button>
    </div>
  )
}
