import { useEffect } from 'react'
import { useActions, useApp } from '../../state/hooks'
import { matchShortcut } from './shortcuts'

/** Focus is somewhere keys type text: a field, a list box, or the Monaco editor. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  // The editor's pane rather than Monaco's class name, which the bundle check looks for to catch Monaco in the first chunk.
  if (target.closest('.editor-pane__body')) return true
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  return (
    tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type)
  )
}

/**
 * The app's shortcuts, heard in the capture phase so Monaco (which claims Ctrl+Enter for "insert line
 * below") does not swallow Send. A modal dialog open elsewhere keeps its keys.
 */
export function useShortcuts(openHelp: () => void) {
  const actions = useActions()
  const playing = useApp((s) => s.playing)
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return
      const action = matchShortcut(event, isTyping(event.target))
      if (!action) return
      event.preventDefault()
      event.stopPropagation()
      if (action === 'send') void actions.send()
      else if (action === 'playPause') (playing ? actions.pause : actions.play)()
      else if (action === 'stepBack') actions.stepBack()
      else if (action === 'stepForward') actions.stepForward()
      else openHelp()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [actions, playing, openHelp])
}
