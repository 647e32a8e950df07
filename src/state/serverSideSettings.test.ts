import { describe, expect, it } from 'vitest'
import { toScenarioRequest } from './runSlice'
import { DEFAULT_SETTINGS, settingsFrom } from './workspaceSlice'

describe('server-side apply settings', () => {
  it('become the scenario keys, and come back from them', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      serverSide: true,
      fieldManager: ' platform-ci ',
      forceConflicts: true,
    }
    const request = toScenarioRequest('kind: Pod', settings)
    expect(request).toMatchObject({
      verb: 'apply',
      serverSide: true,
      fieldManager: 'platform-ci',
      force: true,
    })
    expect(settingsFrom({ ...request, manifestText: '' })).toMatchObject({
      serverSide: true,
      fieldManager: 'platform-ci',
      forceConflicts: true,
    })
  })

  it('are left out for other verbs and for client-side apply', () => {
    expect(
      toScenarioRequest('', { ...DEFAULT_SETTINGS, verb: 'create', serverSide: true }),
    ).not.toHaveProperty('serverSide')
    const clientSide = toScenarioRequest('', { ...DEFAULT_SETTINGS, forceConflicts: true, fieldManager: 'x' })
    expect(clientSide).not.toHaveProperty('force')
    expect(clientSide).not.toHaveProperty('fieldManager')
  })
})
