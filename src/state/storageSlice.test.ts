import { describe, expect, it } from 'vitest'
import type { Example } from '../scenarios'
import { createInlineEngineClient } from '../worker/inlineEngineClient'
import { createAppStore } from './store'

const BLANK: Example = { name: 'blank', title: 'Blank', text: 'name: blank\n' }
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
`

const settled = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('storage explorer', () => {
  it('opens on the key the last request wrote and follows the cluster as requests are sent', async () => {
    const store = createAppStore({ engine: createInlineEngineClient(), examples: [BLANK] })
    const { actions } = store.getState()
    await actions.boot('')
    actions.changeSettings({ verb: 'apply', as: 'admin' })
    actions.editText(POD)
    await actions.send()
    await actions.openStorage()
    let s = store.getState()
    expect(s.storageOpen).toBe(true)
    expect(s.storageKey).toBe('/registry/pods/default/web')
    expect(s.keyHistory?.revisions.map((r) => r.event)).toEqual(['ADDED'])
    expect(s.watchStream?.events.map((e) => e.type)).toEqual(['ADDED'])

    actions.editText(POD.replace('image: nginx', 'image: nginx:1.27'))
    await actions.send()
    await settled()
    s = store.getState()
    expect(s.keyHistory?.revisions.map((r) => r.event)).toEqual(['ADDED', 'MODIFIED'])
    expect(s.watchStream?.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED'])

    actions.closeStorage()
    expect(store.getState().storageOpen).toBe(false)
  })
})
