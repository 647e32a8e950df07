import { useMemo } from 'react'
import { useApp, useAppShallow } from '../../state/hooks'
import { selectCurrentCall, selectCurrentStep } from '../../state/selectors'
import { serverStatus, traceCalls, webhookServers } from './webhooks'
import type { ServerStatus, WebhookCall, WebhookServer } from './webhooks'

const NONE: { calls: WebhookCall[]; servers: WebhookServer[] } = { calls: [], servers: [] }

/** The webhook calls of the HTTP call on screen, and the servers they reached. */
export function useCallWebhooks() {
  const call = useApp(selectCurrentCall)
  return useMemo(() => {
    if (!call) return NONE
    const calls = traceCalls(call.trace)
    return calls.length ? { calls, servers: webhookServers(calls) } : NONE
  }, [call])
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
