import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import type { CSSProperties } from 'react'
import { memo } from 'react'
import { useApp } from '../../state/hooks'
import { selectFocusedStage } from '../../state/selectors'
import type { WebhookNodeType } from './pipelineGraph'
import { useServerStatus } from './useWebhooks'
import { formatLatency, SERVER_KIND_LABELS, serverState, STATE_LABELS } from './webhooks'
import type { ServerState, WebhookCall } from './webhooks'
import './webhooks.css'

const ICONS: Record<ServerState, string> = {
  allowed: '✓',
  patched: '✎',
  denied: '✕',
  refused: '✕',
  timeout: '◷',
  error: '✕',
  ignored: '↷',
}

// kube-apiserver calls mutating webhooks one at a time, each on the object the previous one patched, and
// all matching validating webhooks at once.
const EYEBROWS = {
  'mutating-admission': 'mutating · one at a time',
  'validating-admission': 'validating · in parallel',
} as const

function Answer({ state, calls }: { state: ServerState; calls: readonly WebhookCall[] }) {
  const last = calls.at(-1)!
  const patchOps = calls.reduce((n, c) => n + (c.outcome === 'patched' ? (c.patch?.length ?? 0) : 0), 0)
  const latency = last.outcome === 'refused' ? 'no connection' : formatLatency(last.latencyMs)
  return (
    <>
      <span className={`webhook-badge webhook-badge--${state}`}>
        <span aria-hidden="true">{ICONS[state]}</span> {STATE_LABELS[state]}
        {state === 'patched' && patchOps > 0 && <span className="state-badge__count">+{patchOps}</span>}
      </span>
      <span className="webhook-node__meta">
        {calls.length > 1 ? `${calls.length} calls · ` : ''}
        {last.outcome === 'timeout'
          ? `gave up after ${latency}`
          : `${latency} · timeout ${last.timeoutSeconds} s`}
      </span>
    </>
  )
}

/**
 * A webhook server outside kube-apiserver, reached over HTTPS through its Service. It shows whether the
 * request has called it yet and, once the answer is back, what it answered.
 */
export const WebhookNode = memo(function WebhookNode({ data }: NodeProps<WebhookNodeType>) {
  const { server } = data
  const status = useServerStatus(server)
  const speed = useApp((s) => s.speed)
  const focused = useApp((s) => selectFocusedStage(s) === server.stage)
  const answered =
    status.phase === 'calling'
      ? server.calls.filter((c) => c.entry <= status.entry)
      : server.calls.slice(0, status.done)
  const state = serverState(answered)
  // While the call is out, the answer replaces "calling…" when the reply leaves the server.
  const now = server.calls.filter((c) => c.entry === status.entry)
  const replyAt = Math.max(0, ...now.map((c) => c.timing.start + c.timing.out + c.timing.wait))
  const reveal = { '--reveal': `${speed === 'instant' ? 0 : Math.round(replyAt / speed)}ms` } as CSSProperties
  const names = [...new Set(server.calls.map((c) => c.webhook))]

  return (
    <div
      className="webhook-node"
      data-webhook-server={server.label}
      data-kind={server.kind}
      data-phase={status.phase}
      data-state={status.phase === 'done' ? (state ?? 'idle') : status.phase}
      data-focused={focused || undefined}
      title={`${server.kind === 'none' ? 'Nothing listens behind this Service' : `${SERVER_KIND_LABELS[server.kind]} webhook server`}; called for ${names.join(', ')}`}
    >
      <Handle type="target" position={Position.Top} id="top" isConnectable={false} />
      <p className="webhook-node__eyebrow">{EYEBROWS[server.stage]}</p>
      <div className="webhook-node__head">
        <span className="webhook-node__icon" aria-hidden="true">
          ⇄
        </span>
        <span className="webhook-node__kind">{SERVER_KIND_LABELS[server.kind]}</span>
      </div>
      <code className="webhook-node__service">{server.label}</code>
      <div className="webhook-node__foot">
        {status.phase === 'idle' && (
          <span className="webhook-badge webhook-badge--idle">○ not called yet</span>
        )}
        {status.phase === 'calling' && state && (
          <span className="webhook-node__swap" style={reveal}>
            <span className="webhook-node__pending">
              <span className="webhook-badge webhook-badge--calling">◉ waiting for the answer</span>
            </span>
            <span className="webhook-node__answer">
              <Answer state={state} calls={answered} />
            </span>
          </span>
        )}
        {status.phase === 'done' && state && <Answer state={state} calls={answered} />}
      </div>
    </div>
  )
})
