import type { TraceEntry } from '../../engine'
import { StateBadge } from '../diagram/StateBadge'
import { formatMicros } from '../format'
import { toYaml } from './objectDiff'

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

/** One thing a stage did: who acted, the outcome, the one-line summary and the reasons behind it. */
export function TraceEntryView({ entry }: { entry: TraceEntry }) {
  const data = Object.entries(entry.data ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '')
  return (
    <li className="entry" data-outcome={entry.outcome}>
      <div className="entry__head">
        <span className="entry__step">{entry.step}</span>
        <StateBadge state={entry.outcome} changes={entry.patch?.length ?? 0} />
        <span className="entry__time" title="Virtual time since the request arrived">
          +{formatMicros(entry.at)}
        </span>
      </div>
      <p className="entry__summary">{entry.summary}</p>
      {entry.details && entry.details.length > 0 && (
        <ul className="entry__details">
          {entry.details.map((line, i) => (
            <li key={i}>{line}</li>
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
      {entry.patch && entry.patch.length > 0 && (
        <ul className="entry__patch" aria-label="JSON patch">
          {entry.patch.map((op, i) => (
            <li key={i}>
              <code>
                {op.op} {op.path}
                {op.value !== undefined ? ` = ${JSON.stringify(op.value)}` : ''}
              </code>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}
