// The app's keyboard shortcuts: one table, read by the key handler and by the help dialog, so the help
// can never list a key that does nothing.

export type ShortcutAction = 'send' | 'playPause' | 'stepBack' | 'stepForward' | 'help'

export interface Shortcut {
  action: ShortcutAction
  /** As the help shows it; `Mod` is Ctrl, or ⌘ on a Mac. */
  keys: readonly string[]
  description: string
  /** Works even while typing (in the editor or a field); the others would eat typed letters. */
  whileTyping?: boolean
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'send', keys: ['Mod', 'Enter'], description: 'Send the request', whileTyping: true },
  { action: 'playPause', keys: ['K'], description: 'Play or pause' },
  { action: 'stepBack', keys: ['J'], description: 'Step back' },
  { action: 'stepForward', keys: ['L'], description: 'Step forward' },
  { action: 'help', keys: ['?'], description: 'Show these shortcuts' },
]

/** Keys the help lists for the editor and the timeline, which handle them themselves. */
export const CONTROL_KEYS: readonly { keys: readonly string[]; description: string }[] = [
  { keys: ['Esc'], description: 'Leave the editor (focus moves to the next control)' },
  { keys: ['Ctrl', 'M'], description: 'In the editor: switch Tab between indenting and moving focus' },
  { keys: ['←', '→'], description: 'On the timeline: one step' },
  { keys: ['Page Up', 'Page Down'], description: 'On the timeline: the previous or next object (or stage)' },
  { keys: ['Home', 'End'], description: 'On the timeline: the start or the end' },
]

export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/** Which shortcut a key press is, if any. `typing` is whether focus is in a text field or the editor. */
export function matchShortcut(event: KeyLike, typing: boolean): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey
  if (event.key === 'Enter' && mod && !event.altKey) return 'send'
  if (typing || mod || event.altKey) return null
  switch (event.key) {
    case 'k':
    case 'K':
      return 'playPause'
    case 'j':
    case 'J':
      return 'stepBack'
    case 'l':
    case 'L':
      return 'stepForward'
    case '?':
      return 'help'
    default:
      return null
  }
}
