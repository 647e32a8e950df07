// Small text helpers shared by the panels.

const REASON_PHRASES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function reasonPhrase(code: number): string {
  return REASON_PHRASES[code] ?? ''
}

export function statusLine(code: number): string {
  return `HTTP/1.1 ${code} ${reasonPhrase(code)}`.trim()
}

export function statusTone(code: number | null | undefined): 'ok' | 'error' | 'none' {
  if (code === null || code === undefined) return 'none'
  return code < 400 ? 'ok' : 'error'
}

export function prettyJson(value: unknown): string {
  if (typeof value === 'string') return value
  return JSON.stringify(value, null, 2) ?? ''
}

/** Microseconds of virtual time, the way a trace prints them; seconds keep millisecond precision. */
export function formatMicros(us: number): string {
  if (us >= 1_000_000) return `${(us / 1_000_000).toFixed(3)} s`
  return us >= 1000 ? `${(us / 1000).toFixed(us >= 10_000 ? 0 : 1)} ms` : `${Math.round(us)} µs`
}
