import { describe, expect, it } from 'vitest'
import { matchShortcut, SHORTCUTS } from './shortcuts'
import type { KeyLike } from './shortcuts'

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
})

describe('matchShortcut', () => {
  it.each([
    ['Ctrl+Enter', key('Enter', { ctrlKey: true }), false, 'send'],
    ['Cmd+Enter', key('Enter', { metaKey: true }), false, 'send'],
    ['Ctrl+Enter while typing', key('Enter', { ctrlKey: true }), true, 'send'],
    ['Enter alone', key('Enter'), false, null],
    ['Ctrl+Alt+Enter', key('Enter', { ctrlKey: true, altKey: true }), false, null],
    ['k', key('k'), false, 'playPause'],
    ['K', key('K'), false, 'playPause'],
    ['j', key('j'), false, 'stepBack'],
    ['l', key('l'), false, 'stepForward'],
    ['?', key('?'), false, 'help'],
    ['k while typing', key('k'), true, null],
    ['? while typing', key('?'), true, null],
    ['Ctrl+K', key('k', { ctrlKey: true }), false, null],
    ['x', key('x'), false, null],
  ])('%s', (_, event, typing, expected) => {
    expect(matchShortcut(event, typing)).toBe(expected)
  })

  it('lists every action it answers, once', () => {
    expect(SHORTCUTS.map((s) => s.action).sort()).toEqual(
      ['help', 'playPause', 'send', 'stepBack', 'stepForward'].sort(),
    )
  })
})
