import { createContext, useEffect, useRef } from 'react'
import { CONTROL_KEYS, SHORTCUTS } from './shortcuts'

/** Opens the shortcuts dialog from anywhere in the app (the `?` key, the playback bar's button). */
export const OpenHelpContext = createContext<() => void>(() => {})

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="shortcuts__keys">
      {keys.map((k, i) => (
        <kbd key={i}>{k === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : k}</kbd>
      ))}
    </span>
  )
}

/**
 * The keyboard shortcuts, as a modal <dialog>: centred, so it never leaves the screen, closed with Esc
 * or its button, and focus goes back where it was.
 */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-help"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close()
      }}
    >
      <div className="shortcuts__body">
        <h2 id="shortcuts-title" className="shortcuts__title">
          Keyboard shortcuts
        </h2>
        <dl className="shortcuts__list">
          {[...SHORTCUTS, ...CONTROL_KEYS].map((s) => (
            <div key={s.description} className="shortcuts__row">
              <dt>
                <Keys keys={s.keys} />
              </dt>
              <dd>{s.description}</dd>
            </div>
          ))}
        </dl>
        <p className="shortcuts__note">
          J, K, L and ? work when focus is not in a text field or the editor; Ctrl+Enter works everywhere.
        </p>
        <form method="dialog">
          <button type="submit" className="button">
            Close
          </button>
        </form>
      </div>
    </dialog>
  )
}
