import { useEffect, useRef, useState } from 'react'
import { EXAMPLES } from '../../scenarios'
import { useActions, useApp } from '../../state/hooks'

/** A disclosure menu of the bundled scenarios, in teaching order. */
export function ExamplesMenu() {
  const [open, setOpen] = useState(false)
  const current = useApp((s) =>
    s.scenarioSource && 'example' in s.scenarioSource ? s.scenarioSource.example : null,
  )
  const { loadExample } = useActions()
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false)
    }
    document.addEventListener('pointerdown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('pointerdown', close)
      document.removeEventListener('keydown', close)
    }
  }, [open])

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="button"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Examples <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul className="menu__list" aria-label="Examples">
          {EXAMPLES.map((example, i) => (
            <li key={example.name}>
              <button
                type="button"
                className="menu__item"
                aria-current={example.name === current || undefined}
                data-example={example.name}
                onClick={() => {
                  setOpen(false)
                  void loadExample(example.name)
                }}
              >
                <span className="menu__number">{String(i + 1).padStart(2, '0')}</span>
                <span className="menu__title">{example.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
