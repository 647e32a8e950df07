import { useEffect, useRef, type ReactNode } from 'react'
import './styles/drawer.css'

export interface DrawerProps {
  /** Names the drawer: class `<name>-panel`, test id `<name>-panel`, heading id `<name>-title`. */
  name: string
  eyebrow: string
  title: string
  lead?: ReactNode
  /** Header content beside the title (tabs, for instance). */
  headerExtra?: ReactNode
  onClose(): void
  children: ReactNode
}

/**
 * A modal drawer on the right (full width on narrow screens), as the admission, access and etcd panels use:
 * a native <dialog>, closed with Escape, the ✕ button or a click on the backdrop.
 */
export function Drawer({ name, eyebrow, title, lead, headerExtra, onClose, children }: DrawerProps) {
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    // No close() in a cleanup: StrictMode's second mount would see the `close` event and shut the drawer.
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  return (
    <dialog
      ref={dialog}
      className={`drawer ${name}-panel`}
      aria-labelledby={`${name}-title`}
      data-testid={`${name}-panel`}
      onClose={onClose}
      onClick={(event) => {
        // The content fills the dialog, so a click on the dialog element itself is on the backdrop.
        if (event.target === event.currentTarget) event.currentTarget.close()
      }}
    >
      <div className="drawer__inner">
        <header className="drawer__header">
          <div>
            <p className="panel__eyebrow">{eyebrow}</p>
            <h2 id={`${name}-title`} className="panel__title">
              {title}
            </h2>
            {lead && <p className="drawer__lead">{lead}</p>}
          </div>
          {headerExtra}
          <button
            type="button"
            className="icon-button"
            aria-label="Close"
            title="Close"
            onClick={() => dialog.current?.close()}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </header>
        {children}
      </div>
    </dialog>
  )
}
