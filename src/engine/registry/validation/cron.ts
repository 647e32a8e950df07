// The schedule parser Kubernetes validates CronJobs with: github.com/robfig/cron/v3 ParseStandard (five
// fields or an @descriptor), returning the same error strings, which the API server shows unchanged.

interface Bounds {
  min: number
  max: number
  names?: Record<string, number>
}

const months: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}
const days: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }

// minute, hour, day of month, month, day of week
const fieldBounds: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: months },
  { min: 0, max: 6, names: days },
]

const descriptors = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'])

/** strconv.Atoi's error, as `%s` prints it. */
function atoi(expr: string): number | string {
  if (/^[+-]?[0-9]+$/.test(expr)) {
    const n = Number(expr)
    // Atoi parses into a 64-bit int.
    if (Math.abs(n) >= 2 ** 63) return `strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`
    return n
  }
  return `strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`
}

function parseInt(expr: string): number | Error {
  const n = atoi(expr)
  if (typeof n === 'string') return new Error(`failed to parse int from ${expr}: ${n}`)
  if (n < 0) return new Error(`negative number (${n}) not allowed: ${expr}`)
  return n
}

function parseIntOrName(expr: string, names?: Record<string, number>): number | Error {
  const named = names?.[expr.toLowerCase()]
  return named !== undefined ? named : parseInt(expr)
}

function checkRange(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split('/')
  const lowAndHigh = rangeAndStep[0]!.split('-')
  let start: number
  let end: number
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min
    end = r.max
  } else {
    const s = parseIntOrName(lowAndHigh[0]!, r.names)
    if (s instanceof Error) return s.message
    start = s
    if (lowAndHigh.length === 1) end = start
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1]!, r.names)
      if (e instanceof Error) return e.message
      end = e
    } else return `too many hyphens: ${expr}`
  }
  let step = 1
  if (rangeAndStep.length === 2) {
    const st = parseInt(rangeAndStep[1]!)
    if (st instanceof Error) return st.message
    step = st
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = r.max
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`
  if (step === 0) return `step of range should be a positive number: ${expr}`
  return undefined
}

// time.ParseDuration, enough to tell valid from invalid.
const durationRe = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/

/** The error cron.ParseStandard returns for a schedule, or undefined when it parses. */
export function cronScheduleError(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string'
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ')
    if (i === -1) return `invalid location descriptior: ${spec}`
    const eq = spec.indexOf('=')
    const zone = spec.slice(eq + 1, i)
    const zoneErr = timeZoneError(zone)
    if (zoneErr) return `provided bad location ${zone}: ${zoneErr}`
    spec = spec.slice(i).trim()
  }
  if (spec.startsWith('@')) {
    if (descriptors.has(spec)) return undefined
    if (spec.startsWith('@every ')) {
      const d = spec.slice('@every '.length)
      if (d !== '0' && !durationRe.test(d))
        return `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(d)}`
      return undefined
    }
    return `unrecognized descriptor: ${spec}`
  }
  const fields = spec.split(/\s+/).filter((f) => f.length > 0)
  // %s on a []string prints it in brackets, space-separated.
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`
  for (let i = 0; i < 5; i++) {
    for (const expr of fields[i]!.split(',').filter((e) => e.length > 0)) {
      const err = checkRange(expr, fieldBounds[i]!)
      if (err) return err
    }
  }
  return undefined
}

const validTimeZoneCharacters = /^[A-Za-z.\-_0-9+]{1,14}$/

/** time.LoadLocation's error for a zone name, using the IANA database the JavaScript runtime carries. */
export function timeZoneError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC') return undefined
  if (zone === 'Local') return undefined
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return undefined
  } catch {
    return `unknown time zone ${zone}`
  }
}

/** validateTimeZone in pkg/apis/batch/validation: the messages for CronJob.spec.timeZone. */
export function cronTimeZoneMessages(zone: string): string[] {
  if (zone.length === 0) return ['timeZone must be nil or non-empty string']
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZoneCharacters.test(part)) {
      return [`unknown time zone ${zone}`]
    }
  }
  const out: string[] = []
  if (zone.toLowerCase() === 'local') {
    out.push('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')
  }
  const err = timeZoneError(zone)
  if (err) out.push(err)
  return out
}
