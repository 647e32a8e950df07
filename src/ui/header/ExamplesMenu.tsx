import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent as ReactKeyboardEvent } from 'react'
import { EXAMPLES } from '../../scenarios'
import { useActions, useApp } from '../../state/hooks'
import { groupExamples } from './exampleGroups'
import './examples.css'

/**
 * The bundled scenarios under the stage each teaches, with a search box. Enter opens it (focus goes to the
 * search box), the arrow keys move through the examples, Esc closes it and gives focus back to its button.
 */
export function ExamplesMenu() {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [top, setTop] = useState(0)
  const current = useApp((s) =>
    s.scenarioSource && 'example' in s.scenarioSource ? s.scenarioSource.example : null,
  )
  const { chooseExample } = useActions()
  const root = useRef<HTMLDivElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  const search = useRef<HTMLInputElement>(null)
  const groups = useMemo(() => groupExamples(EXAMPLES, query), [query])

  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) trigger.current?.focus()
  }

  useEffect(() => {
    if (!open) return
    const onPointer = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      trigger.current?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  // Placed under its button but inside the viewport whatever the width (fixed, right-aligned).
  useLayoutEffect(() => {
    if (!open) return
    setTop(Math.round(trigger.current?.getBoundingClientRect().bottom ?? 0) + 6)
    search.current?.focus()
  }, [open])

  const move = (event: ReactKeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const items = [
      search.current,
      ...(root.current?.querySelectorAll<HTMLButtonElement>('.menu__item') ?? []),
    ].filter((e): e is HTMLInputElement | HTMLButtonElement => e !== null)
    const at = items.indexOf(document.activeElement as HTMLButtonElement)
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0)
    items[next]?.focus()
  }

  return (
    <div className="menu" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="button"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        Examples <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          className="examples-popover"
          style={{ top, maxHeight: `calc(100vh - ${top + 8}px)` }}
          onKeyDown={move}
        >
          <input
            ref={search}
            type="search"
            className="examples-popover__search"
            aria-label="Search examples"
            placeholder="Search examples"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            spellCheck={false}
          />
          <ul className="examples-popover__list" aria-label="Examples">
            {groups.map((group) => (
              <li key={group.id} className="examples-popover__group">
                <h3 className="examples-popover__heading">{group.label}</h3>
                <ul className="examples-popover__items" role="presentation">
                  {group.examples.map(({ example, number }) => (
                    <li key={example.name} role="presentation">
                      <button
                        type="button"
                        className="menu__item"
                        aria-current={example.name === current || undefined}
                        data-example={example.name}
                        onClick={() => {
                          close(true)
                          void chooseExample(example.name)
                        }}
                      >
                        <span className="menu__number">{String(number).padStart(2, '0')}</span>
                        <span className="menu__title">{example.title}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            {groups.length === 0 && <li className="examples-popover__empty">No example matches “{query}”.</li>}
          </ul>
        </div>
      )}
    </div>
  )
}
