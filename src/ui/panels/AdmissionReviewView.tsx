import { useMemo } from 'react'
import type { TraceEntry } from '../../engine'
import type { AdmissionReview } from '../../engine/admission/webhook/types'
import {
  callState,
  entryCalls,
  formatLatency,
  SERVER_KIND_LABELS,
  STATE_LABELS,
  webhookRecords,
} from '../diagram/webhooks'
import type { WebhookCall } from '../diagram/webhooks'
import '../diagram/webhooks.css'
import './admissionReview.css'

/** Keys of a webhook step's `data` this view shows, so the generic list can leave them out. */
export const WEBHOOK_DATA_KEYS: readonly string[] = [
  'latencyMs',
  'webhooks',
  'admissionReview',
  'admissionResponse',
]

export function hasWebhookCalls(entry: TraceEntry): boolean {
  return webhookRecords(entry).length > 0
}

const json = (value: unknown) => JSON.stringify(value, null, 2)

function groupVersion(gv: { group: string; version: string }) {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version
}

/** Errors reaching or reading the webhook are what failurePolicy decides about; an answer never is. */
function policyApplies(call: WebhookCall): boolean {
  if (call.failure || call.ignored) return true
  return /^(invalid response|undecodable patch|not called)/.test(call.result)
}

function FailurePolicy({ call }: { call: WebhookCall }) {
  const policy = call.failurePolicy
  const name = <code>{policy}</code>
  if (!policyApplies(call))
    return (
      <>
        {name}: not applied, the webhook answered
        {call.outcome === 'denied' ? ' (a denial is an answer, not a failure)' : ''}
      </>
    )
  if (call.ignored)
    return <>{name}: the call failed and was ignored; the request went on without this webhook</>
  if (policy === 'Fail')
    return <>{name}: the call failed, so the request fails with 500 Internal Server Error</>
  return <>{name}: the call failed</>
}

function Latency({ call }: { call: WebhookCall }) {
  const timeoutMs = call.timeoutSeconds * 1000
  const share = Math.min(1, call.latencyMs / timeoutMs)
  const state = callState(call)
  const text =
    call.outcome === 'refused'
      ? call.failure === 'service not found'
        ? 'no answer: the Service does not exist'
        : 'refused at once: nothing listens behind the Service'
      : call.outcome === 'timeout'
        ? `gave up after ${formatLatency(call.latencyMs)}`
        : formatLatency(call.latencyMs)
  return (
    <span className="latency">
      <span
        className="latency__meter"
        role="meter"
        aria-label="Latency against timeoutSeconds"
        aria-valuemin={0}
        aria-valuemax={timeoutMs}
        aria-valuenow={Math.min(call.latencyMs, timeoutMs)}
      >
        <span
          className={`latency__bar latency__bar--${state}`}
          style={{ width: `${Math.max(share * 100, 1)}%` }}
        />
      </span>
      <span>
        {text}
        <span className="muted">
          {' · '}
          <code>timeoutSeconds: {call.timeoutSeconds}</code>
        </span>
      </span>
    </span>
  )
}

function ReviewFacts({ review }: { review: AdmissionReview }) {
  const r = review.request
  if (!r) return null
  const target = [r.namespace, r.name].filter(Boolean).join('/')
  return (
    <dl className="entry__data review-facts" aria-label="AdmissionReview request">
      <div>
        <dt>uid</dt>
        <dd>
          <code data-field="uid">{r.uid}</code>
        </dd>
      </div>
      <div>
        <dt>kind</dt>
        <dd>
          <code data-field="kind">
            {groupVersion(r.kind)} {r.kind.kind}
          </code>
          {r.subResource && <code> /{r.subResource}</code>}
        </dd>
      </div>
      <div>
        <dt>operation</dt>
        <dd>
          <code data-field="operation">{r.operation}</code>
          {r.dryRun && <span className="muted"> (dryRun: true)</span>}
        </dd>
      </div>
      {target && (
        <div>
          <dt>object</dt>
          <dd>
            <code>{target}</code>
          </dd>
        </div>
      )}
      <div>
        <dt>user</dt>
        <dd>
          <code>{r.userInfo.username}</code>
        </dd>
      </div>
    </dl>
  )
}

function CallView({ call, open }: { call: WebhookCall; open: boolean }) {
  const state = callState(call)
  const reply =
    call.response && call.review
      ? { apiVersion: call.review.apiVersion, kind: 'AdmissionReview', response: call.response }
      : null
  return (
    <details
      className="webhook-call"
      data-webhook={call.webhook}
      data-state={call.called ? state : 'not-called'}
      open={open}
    >
      <summary>
        <code className="webhook-call__name">{call.webhook}</code>
        <span className={`webhook-badge webhook-badge--${call.called ? state : 'idle'}`}>
          {call.called ? STATE_LABELS[state] : call.result}
        </span>
        {call.called && <span className="webhook-call__time">{formatLatency(call.latencyMs)}</span>}
      </summary>
      <dl className="entry__data">
        <div>
          <dt>server</dt>
          <dd>
            <code>{call.service}</code> <span className="muted">({SERVER_KIND_LABELS[call.serverKind]})</span>
          </dd>
        </div>
        <div>
          <dt>POST</dt>
          <dd>
            <code>{call.url}</code>
          </dd>
        </div>
        <div>
          <dt>configuration</dt>
          <dd>
            <code>{call.configuration}</code>
          </dd>
        </div>
        {call.called && (
          <div>
            <dt>latency</dt>
            <dd>
              <Latency call={call} />
            </dd>
          </div>
        )}
        <div>
          <dt>failurePolicy</dt>
          <dd data-field="failurePolicy">
            <FailurePolicy call={call} />
          </dd>
        </div>
        {call.called && !call.response && (
          <div>
            <dt>answer</dt>
            <dd>
              <code>{call.result.replace(/^call failed: /, '')}</code>
            </dd>
          </div>
        )}
      </dl>
      {call.notes.length > 0 && (
        <ul className="entry__details">
          {call.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
      {call.review && (
        <>
          <h4 className="webhook-call__heading">AdmissionReview sent</h4>
          <ReviewFacts review={call.review} />
          <details className="json-block" open>
            <summary>
              request as JSON <span className="muted">({call.review.apiVersion})</span>
            </summary>
            <pre className="code-block code-block--json" data-testid="admission-review-request">
              {json(call.review)}
            </pre>
          </details>
        </>
      )}
      {reply && (
        <>
          <h4 className="webhook-call__heading">AdmissionReview returned</h4>
          <p className="webhook-call__line">
            <code>allowed: {String(call.response!.allowed)}</code>
            {call.response!.uid === call.review!.request?.uid ? (
              <span className="muted"> · uid matches the request, as the API server requires</span>
            ) : (
              <span className="webhook-badge webhook-badge--error"> · uid differs from the request</span>
            )}
          </p>
          <details className="json-block" open>
            <summary>response as JSON</summary>
            <pre className="code-block code-block--json" data-testid="admission-review-response">
              {json(reply)}
            </pre>
          </details>
        </>
      )}
      {call.patch && (
        <>
          <h4 className="webhook-call__heading">
            JSON Patch, decoded from base64{' '}
            <span className="muted">
              ({call.patch.length} {call.patch.length === 1 ? 'operation' : 'operations'})
            </span>
          </h4>
          <details className="json-block" open>
            <summary>
              <code>patchType: {call.response?.patchType ?? 'JSONPatch'}</code>
            </summary>
            <pre className="code-block code-block--json code-block--patch" data-testid="webhook-patch">
              {json(call.patch)}
            </pre>
          </details>
        </>
      )}
    </details>
  )
}

/** A webhook plugin step: each AdmissionReview the API server sent, what came back, and what that meant. */
export function AdmissionReviewView({ entry }: { entry: TraceEntry }) {
  const calls = useMemo(() => entryCalls(entry, 0), [entry])
  if (!calls.length) return null
  const parallel = calls[0]!.stage === 'validating-admission'
  const total = typeof entry.data?.latencyMs === 'number' ? entry.data.latencyMs : null
  return (
    <section className="webhook-calls" aria-label="Webhook calls">
      <p className="webhook-calls__how">
        {parallel
          ? 'Validating webhooks are called in parallel: the API server waits for every answer, and the first error to arrive is the one returned.'
          : 'Mutating webhooks are called one at a time, in configuration-name order; each gets the object as the previous one patched it.'}
        {total !== null && (
          <>
            {' '}
            Time spent waiting: <b>{formatLatency(total)}</b>
            {parallel && calls.length > 1 ? ' (the slowest call)' : ''}.
          </>
        )}
      </p>
      {calls.map((call, i) => (
        <CallView key={i} call={call} open={calls.length === 1 || callState(call) !== 'allowed'} />
      ))}
    </section>
  )
}
