import type { TraceEntry } from '../../engine'
import { isSuggestion, SuggestedFix } from '../access/SuggestedFix'
import { StateBadge } from '../diagram/StateBadge'
import { formatMicros } from '../format'
import { AdmissionReviewView, hasWebhookCalls, WEBHOOK_DATA_KEYS } from './AdmissionReviewView'
import { toYaml } from './objectDiff'
import { FieldOwnership, OWNERSHIP_DATA_KEYS } from './FieldOwnership'
import { PatchList } from './PatchList'
import { POLICY_DATA_KEY, PolicyResults } from './PolicyResults'

function isFlat(value: unknown): boolean {
  return (
    typeof value !== 'object' ||
    value === null ||
    (Array.isArray(value) && value.every((v) => typeof v !== 'object'))
  )
}

function show(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.join(', ')
  return String(value)
}

function label(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

const WARNING = 'Warning: '

/**
 * The warnings a step added to the response. Decoding writes them into `details` as `Warning: ...`; a
 * `warnings` list on the entry (for admission plugins' verdicts) is read too when the engine records one.
 */
function splitWarnings(entry: TraceEntry & { warnings?: readonly string[] }) {
  const details = entry.details ?? []
  const warnings = [
    ...details.filter((l) => l.startsWith(WARNING)).map((l) => l.slice(WARNING.length)),
    ...(entry.warnings ?? []),
  ]
  return { details: details.filter((l) => !l.startsWith(WARNING)), warnings: [...new Set(warnings)] }
}

/** One thing a stage did: who acted, the outcome, the one-line summary and the reasons behind it. */
export function TraceEntryView({ entry }: { entry: TraceEntry }) {
  const suggestion = isSuggestion(entry.data?.suggestion) ? entry.data.suggestion : null
  const webhooks = hasWebhookCalls(entry)
  const data = Object.entries(entry.data ?? {}).filter(
    ([k, v]) =>
      v !== undefined &&
      v !== null &&
      v !== '' &&
      !(k === 'suggestion' && suggestion) &&
      !(webhooks && WEBHOOK_DATA_KEYS.includes(k)) &&
      k !== POLICY_DATA_KEY &&
      !OWNERSHIP_DATA_KEYS.includes(k),
  )
  const { details, warnings } = splitWarnings(entry)
  return (
    <li className="entry" data-outcome={entry.outcome} data-step={entry.step}>
      <div className="entry__head">
        <span className="entry__step">{entry.step}</span>
        <StateBadge state={entry.outcome} changes={entry.patch?.length ?? 0} />
        <span className="entry__time" title="Virtual time since the request arrived">
          +{formatMicros(entry.at)}
        </span>
      </div>
      <p className="entry__summary">{entry.summary}</p>
      {details.length > 0 && (
        <ul className="entry__details">
          {details.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="entry__warnings" aria-label="Warnings sent with the response">
          {warnings.map((w, i) => (
            <li key={i}>
              <span className="warnings__name">Warning:</span> {w}
            </li>
          ))}
        </ul>
      )}
      {data.length > 0 && (
        <dl className="entry__data">
          {data.map(([key, value]) => (
            <div key={key}>
              <dt>{label(key)}</dt>
              <dd>
                {isFlat(value) ? (
                  <code>{show(value)}</code>
                ) : (
                  <pre className="entry__yaml">{toYaml(value).join('\n')}</pre>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {suggestion && <SuggestedFix suggestion={suggestion} />}
      <PolicyResults entry={entry} />
      <FieldOwnership entry={entry} />
      {webhooks && <AdmissionReviewView entry={entry} />}
      {entry.patch && entry.patch.length > 0 && <PatchList ops={entry.patch} label="JSON patch" />}
    </li>
  )
}
