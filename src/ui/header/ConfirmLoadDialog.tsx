import { useEffect, useRef } from 'react'
import { EXAMPLES } from '../../scenarios'
import { useActions, useApp } from '../../state/hooks'

/** Asks before an example or a link replaces text the learner typed and never sent. */
export function ConfirmLoadDialog() {
  const pending = useApp((s) => s.pendingLoad)
  const { confirmLoad } = useActions()
  const dialog = useRef<HTMLDialogElement>(null)
  const keep = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (pending && !element.open) {
      element.showModal()
      keep.current?.focus()
    }
    if (!pending && element.open) element.close()
  }, [pending])

  const title = EXAMPLES.find((e) => e.name === pending?.name)?.title ?? pending?.name
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="confirm-load-title"
      onCancel={(event) => {
        event.preventDefault()
        void confirmLoad(false)
      }}
    >
      <h2 id="confirm-load-title" className="confirm-dialog__title">
        Unsent edits
      </h2>
      <p>
        The editor holds edits you have not sent. Open “{title}”
        {pending?.request ? ` at request ${pending.request}` : ''} and drop them?
      </p>
      <div className="confirm-dialog__actions">
        <button ref={keep} type="button" className="button" onClick={() => void confirmLoad(false)}>
          Keep editing
        </button>
        <button type="button" className="button button--primary" onClick={() => void confirmLoad(true)}>
          Discard edits and open
        </button>
      </div>
    </dialog>
  )
}
