import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../state/workspaceSlice'
import type { RequestSettings } from '../../state/types'
import { previewCommandLine } from './commandLine'

describe('previewCommandLine', () => {
  it.each<[string, Partial<RequestSettings>, string]>([
    ['client-side apply', {}, 'kubectl apply -f manifest.yaml'],
    ['server-side apply', { serverSide: true }, 'kubectl apply -f manifest.yaml --server-side'],
    [
      'a field manager and force',
      { serverSide: true, fieldManager: 'platform ci', forceConflicts: true, dryRun: true },
      "kubectl apply -f manifest.yaml --dry-run=server --server-side --field-manager='platform ci' --force-conflicts",
    ],
    ['server-side settings left over on create', { verb: 'create', serverSide: true, forceConflicts: true }, 'kubectl create -f manifest.yaml'],
  ])('%s', (_, settings, line) => {
    expect(previewCommandLine({ ...DEFAULT_SETTINGS, ...settings })).toBe(line)
  })
})
