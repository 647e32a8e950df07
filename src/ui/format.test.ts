import { describe, expect, it } from 'vitest'
import { formatMicros } from './format'

describe('formatMicros', () => {
  it('prints virtual time from microseconds to seconds without rounding a webhook’s wait away', () => {
    expect(formatMicros(20)).toBe('20 µs')
    expect(formatMicros(1520)).toBe('1.5 ms')
    expect(formatMicros(15_045)).toBe('15 ms')
    expect(formatMicros(5_000_415)).toBe('5.000 s')
    expect(formatMicros(5_001_915)).toBe('5.002 s')
  })
})
