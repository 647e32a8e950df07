import { describe, expect, it, vi } from 'vitest'
import type { Example } from '../scenarios'
import type { EngineClient } from '../worker/engineClient'
import { createInlineEngineClient } from '../worker/inlineEngineClient'
import { createAppStore } from './store'

const BLANK: Example = { name: 'blank', title: 'Blank', text: 'name: blank\n' }

function settle() {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

describe('the command line preview', () => {
  it('is the engine’s line for the request bar, and follows every change of it', async () => {
    const store = createAppStore({ engine: createInlineEngineClient(), examples: [BLANK] })
    await store.getState().actions.boot('')
    await settle()
    expect(store.getState().commandPreview).toBe('kubectl apply -f manifest.yaml')

    const { changeSettings } = store.getState().actions
    changeSettings({ serverSide: true, fieldManager: 'platform ci', forceConflicts: true })
    await settle()
    expect(store.getState().commandPreview).toBe(
      "kubectl apply -f manifest.yaml --server-side --field-manager='platform ci' --force-conflicts",
    )

    changeSettings({
      verb: 'can-i',
      namespace: 'dev',
      canI: { verb: 'get', resource: 'pods/log', name: 'web', list: false },
    })
    await settle()
    expect(store.getState().commandPreview).toBe('kubectl auth can-i get pods/web --subresource=log -n dev')

    changeSettings({ verb: 'whoami', impersonateUser: 'bob' })
    await settle()
    expect(store.getState().commandPreview).toBe('kubectl auth whoami --as=bob')
  })

  it('keeps the last line until a newer answer arrives, and never goes back to an older one', async () => {
    const inline = createInlineEngineClient()
    const replies: (() => void)[] = []
    const engine: EngineClient = {
      ...inline,
      commandLine: (request) =>
        new Promise((resolve) => {
          replies.push(() => void inline.commandLine(request).then(resolve))
        }),
    }
    const store = createAppStore({ engine, examples: [BLANK] })
    const { changeSettings } = store.getState().actions
    changeSettings({ dryRun: true })
    changeSettings({ verb: 'create' })
    expect(replies).toHaveLength(3)

    replies[1]!()
    await vi.waitFor(() =>
      expect(store.getState().commandPreview).toBe('kubectl apply -f manifest.yaml --dry-run=server'),
    )
    replies[2]!()
    await vi.waitFor(() =>
      expect(store.getState().commandPreview).toBe('kubectl create -f manifest.yaml --dry-run=server'),
    )
    replies[0]!()
    await settle()
    expect(store.getState().commandPreview).toBe('kubectl create -f manifest.yaml --dry-run=server')
  })
})
