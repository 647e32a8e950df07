import type { ReactNode } from 'react'
import type { TraceEntry } from '../../engine'
import type {
  ExpressionOutcome,
  ExpressionResult,
  MutationResult,
  PolicyDecision,
  PolicyEvaluation,
  ValidationResult,
} from '../../engine/admission/policy/results'
import { PatchList } from './PatchList'
import './policyResults.css'

/** The key of a policy step's `data` this view shows, so the generic list can leave it out. */
export const POLICY_DATA_KEY = 'policies'

export function policyEvaluations(entry: TraceEntry): PolicyEvaluation[] {
  const list = entry.data?.[POLICY_DATA_KEY]
  if (!Array.isArray(list)) return []
  return list.filter(
    (e): e is PolicyEvaluation =>
      typeof e === 'object' && e !== null && typeof (e as PolicyEvaluation).policy === 'string',
  )
}

const DECISIONS: Record<PolicyDecision, string> = {
  admit: 'admitted',
  deny: 'denied',
  warn: 'warned',
  audit: 'audited',
  mutate: 'mutated',
  skip: 'skipped',
  error: 'error ignored',
}

const BADGES: Record<ExpressionOutcome, { icon: string; label: string }> = {
  true: { icon: '✓', label: 'true' },
  false: { icon: '✕', label: 'false' },
  error: { icon: '!', label: 'error' },
  value: { icon: '=', label: 'value' },
  'not evaluated': { icon: '–', label: 'not run' },
}

function ResultBadge({ result }: { result: ExpressionOutcome }) {
  const b = BADGES[result] ?? BADGES.value
  return (
    <span className={`expr-badge expr-badge--${result.replace(' ', '-')}`} data-result={result}>
      <span aria-hidden="true">{b.icon}</span> {b.label}
    </span>
  )
}

function jsonText(value: unknown, pretty = false): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null'
}

function Value({ value }: { value: unknown }) {
  const flat = jsonText(value)
  if (flat.length <= 90) return <code className="expr__value">{flat}</code>
  return <pre className="expr__value expr__value--block">{jsonText(value, true)}</pre>
}

const formatCost = (n: number) => n.toLocaleString('en-US')

function Cost({ cost }: { cost?: number }) {
  if (cost === undefined) return null
  return (
    <span className="expr__cost" title="CEL cost units this expression spent">
      cost {formatCost(cost)}
    </span>
  )
}

/** One expression: its result badge, the CEL source, then what it evaluated to. */
function ExpressionRow({
  label,
  result,
  children,
}: {
  label?: string
  result: ExpressionResult
  children?: ReactNode
}) {
  return (
    <li className="expr" data-result={result.result}>
      <div className="expr__head">
        <ResultBadge result={result.result} />
        {label && <span className="expr__label">{label}</span>}
        <Cost cost={result.cost} />
      </div>
      <code className="expr__code">{result.expression}</code>
      {result.result === 'value' && result.value !== undefined && (
        <div className="expr__line">
          <span className="expr__key">→</span> <Value value={result.value} />
        </div>
      )}
      {result.error && (
        <div className="expr__line expr__error">
          <span className="expr__key">error</span> {result.error}
        </div>
      )}
      {children}
    </li>
  )
}

const MESSAGE_FROM: Record<NonNullable<ValidationResult['messageFrom']>, string> = {
  messageExpression: 'from messageExpression',
  message: 'from message',
  expression: 'no message set: the expression itself',
  error: 'the error above',
}

function ValidationRow({ v, index }: { v: ValidationResult; index: number }) {
  return (
    <ExpressionRow label={`validations[${index}]`} result={v}>
      {v.messageExpression && (
        <div className="expr__nested">
          <span className="expr__key">messageExpression</span>
          <ul className="expr-list">
            <ExpressionRow result={v.messageExpression} />
          </ul>
        </div>
      )}
      {v.message !== undefined && (
        <div className="expr__line expr__message">
          <span className="expr__key">message</span>
          {v.messageFrom === 'error' ? (
            <span className="muted">{MESSAGE_FROM.error}</span>
          ) : (
            <>
              <span className="expr__message-text">{v.message}</span>
              {v.messageFrom && <span className="muted"> ({MESSAGE_FROM[v.messageFrom]})</span>}
            </>
          )}
        </div>
      )}
      {(v.reason || (v.actions && v.actions.length > 0)) && (
        <div className="expr__line">
          {v.reason && (
            <>
              <span className="expr__key">reason</span> <code>{v.reason}</code>{' '}
            </>
          )}
          {v.actions && v.actions.length > 0 && (
            <>
              <span className={v.reason ? 'expr__key expr__key--gap' : 'expr__key'}>acted on by</span>{' '}
              {v.actions.map((a) => (
                <span key={a} className={`action-chip action-chip--${a.toLowerCase()}`}>
                  {a}
                </span>
              ))}
            </>
          )}
        </div>
      )}
    </ExpressionRow>
  )
}

function MutationRow({ m, index }: { m: MutationResult; index: number }) {
  return (
    <ExpressionRow label={`mutations[${index}] ${m.patchType}`} result={m}>
      {m.patch && (
        <div className="expr__line">
          <span className="expr__key">changed</span>{' '}
          {m.patch.length === 0 ? (
            <span className="muted">nothing (the object already matched)</span>
          ) : (
            <PatchList ops={m.patch} label="Patch from this mutation" className="entry__patch expr__patch" />
          )}
        </div>
      )}
    </ExpressionRow>
  )
}

function Group({ title, children, count }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null
  return (
    <div className="policy-eval__group">
      <h4 className="policy-eval__heading">{title}</h4>
      <ul className="expr-list">{children}</ul>
    </div>
  )
}

function paramText(e: PolicyEvaluation): string | null {
  if (!e.param) return null
  const where = e.param.namespace ? `${e.param.namespace}/${e.param.name}` : e.param.name
  return e.param.kind ? `${e.param.kind} ${where}` : where
}

function hasExpressions(e: PolicyEvaluation): boolean {
  return (
    e.matchConditions.length +
      e.variables.length +
      (e.validations?.length ?? 0) +
      (e.auditAnnotations?.length ?? 0) +
      (e.mutations?.length ?? 0) >
    0
  )
}

function Evaluation({ e }: { e: PolicyEvaluation }) {
  const param = paramText(e)
  const head = (
    <>
      <span className="policy-eval__kind" title={e.kind}>
        {e.kind === 'MutatingAdmissionPolicy' ? 'MAP' : 'VAP'}
      </span>
      <code className="policy-eval__name">{e.policy}</code>
      {e.binding !== undefined && (
        <span className="policy-eval__binding">
          <span className="muted">binding</span> <code>{e.binding}</code>
        </span>
      )}
      <span className={`policy-decision policy-decision--${e.decision}`}>{DECISIONS[e.decision]}</span>
    </>
  )
  const attrs = {
    'data-policy': e.policy,
    'data-binding': e.binding ?? '',
    'data-decision': e.decision,
  }
  if (!hasExpressions(e))
    return (
      <li className="policy-eval policy-eval--quiet" {...attrs}>
        <div className="policy-eval__summary">{head}</div>
        {e.note && <p className="policy-eval__note">{e.note}</p>}
      </li>
    )
  return (
    <li className="policy-eval" {...attrs}>
      <details open={e.decision !== 'skip' || e.matchConditions.length > 0}>
        <summary className="policy-eval__summary">{head}</summary>
        <p className="policy-eval__meta">
          <span>
            failurePolicy <code>{e.failurePolicy}</code>
          </span>
          {e.validationActions && (
            <span>
              validationActions <code>[{e.validationActions.join(', ')}]</code>
            </span>
          )}
          {param && (
            <span>
              params <code>{param}</code>
            </span>
          )}
          <span title="CEL cost units spent by this evaluation">
            cost <code>{formatCost(e.cost)}</code>
          </span>
        </p>
        {e.note && <p className="policy-eval__note">{e.note}</p>}
        <Group title="Match conditions" count={e.matchConditions.length}>
          {e.matchConditions.map((mc, i) => (
            <ExpressionRow key={i} label={mc.name} result={mc} />
          ))}
        </Group>
        <Group title="Variables" count={e.variables.length}>
          {e.variables.map((v, i) => (
            <ExpressionRow key={i} label={`variables.${v.name}`} result={v} />
          ))}
        </Group>
        <Group title="Validations" count={e.validations?.length ?? 0}>
          {e.validations?.map((v, i) => (
            <ValidationRow key={i} v={v} index={i} />
          ))}
        </Group>
        <Group title="Audit annotations" count={e.auditAnnotations?.length ?? 0}>
          {e.auditAnnotations?.map((a, i) => (
            <ExpressionRow key={i} label={a.key} result={a} />
          ))}
        </Group>
        <Group title="Mutations" count={e.mutations?.length ?? 0}>
          {e.mutations?.map((m, i) => (
            <MutationRow key={i} m={m} index={i} />
          ))}
        </Group>
      </details>
    </li>
  )
}

/** What each CEL expression of the admission policies gave for this request. */
export function PolicyResults({ entry }: { entry: TraceEntry }) {
  const evaluations = policyEvaluations(entry)
  if (evaluations.length === 0) return null
  return (
    <ul className="policy-results" aria-label="Policy expressions" data-testid="policy-results">
      {evaluations.map((e, i) => (
        <Evaluation key={i} e={e} />
      ))}
    </ul>
  )
}
