import { describe, expect, it } from 'vitest'
import { toScenarioRequest } from './runSlice'
import { DEFAULT_SETTINGS } from './workspaceSlice'

describe('kubectl auth requests from the request bar', () => {
  it('can-i sends the question, not the manifest', () => {
    const request = toScenarioRequest('kind: Pod', {
      ...DEFAULT_SETTINGS,
      verb: 'can-i',
      as: 'jane',
      namespace: 'dev',
      dryRun: true,
      canI: { verb: 'get', resource: 'pods/log', name: 'web', list: false },
    })
    expect(request).toEqual({
      verb: 'can-i',
      as: 'jane',
      namespace: 'dev',
      canI: { verb: 'get', resource: 'pods', subresource: 'log', name: 'web' },
    })
  })

  it('can-i --list and whoami', () => {
    const list = toScenarioRequest('', {
      ...DEFAULT_SETTINGS,
      verb: 'can-i',
      canI: { verb: 'get', resource: 'pods', name: '', list: true },
    })
    expect(list.canI).toEqual({ verb: 'get', list: true })
    expect(toScenarioRequest('kind: Pod', { ...DEFAULT_SETTINGS, verb: 'whoami', namespace: 'dev' })).toEqual(
      {
        verb: 'whoami',
        as: 'admin',
      },
    )
  })
})
