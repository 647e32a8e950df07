import { useMemo } from 'react'
import { EXAMPLES } from '../../scenarios'
import { useApp, useAppShallow } from '../../state/hooks'
import { selectCurrentCall, selectCurrentStep } from '../../state/selectors'
import {
  scenarioServerKinds,
  serverStatus,
  snapshotWebhookFinder,
  traceCalls,
  webhookServers,
} from './webhooks'
import type { ServerStatus, WebhookCall, WebhookContext, WebhookServer } from './webhooks'

/** What the trace does not say about a webhook, from the stored configurations and the scenario's text. */
export function useWebhookContext(): WebhookContext {
  const snapshot = useApp((s) => s.snapshot)
  const source = useApp((s) => s.scenarioSource)
  const text = !source
    ? ''
    : 'text' in source
      ? source.text
      : (EXAMPLES.find((e) => e.name === source.example)?.text ?? '')
  const serverKinds = useMemo(() => scenarioServerKinds(text), [text])
  const findWebhook = useMemo(() => snapshotWebhookFinder(snapshot), [snapshot])
  return useMemo(() => ({ findWebhook, serverKinds }), [findWebhook, serverKinds])
}

const NONE: { calls: WebhookCall[]; servers: WebhookServer[] } = { calls: [], servers: [] }

/** The webhook calls of the HTTP call on screen, and the servers they reached. */
export function useCallWebhooks() {
  const call = useApp(selectCurrentCall)
  const context = useWebhookContext()
  return useMemo(() => {
    if (!call) return NONE
    const calls = traceCalls(call.trace, context)
    return calls.length ? { calls, servers: webhookServers(calls) } : NONE
  }, [call, context])
}

const IDLE: ServerStatus = { phase: 'idle', done: 0, entry: -1 }

/** Where one server is in the playback of the call on screen. */
export function useServerStatus(server: WebhookServer): ServerStatus {
  return useAppShallow((s) => {
    const step = selectCurrentStep(s)
    if (!step) return IDLE
    return serverStatus(server, step.kind === 'entry' ? step.entry : undefined)
  })
}
