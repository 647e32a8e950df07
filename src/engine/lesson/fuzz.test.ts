// Whatever a pack contains, reading it gives a lesson or a message: never an exception, never a hang.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseLessonFile } from './parse'

const wellShaped = fc.record({
  kind: fc.constantFrom('Lesson', 'LessonPack', 'Other'),
  id: fc.oneof(fc.constant('a-lesson'), fc.string()),
  title: fc.oneof(fc.string(), fc.integer()),
  steps: fc.array(
    fc.record({
      title: fc.string(),
      text: fc.oneof(fc.string(), fc.constant('<script>alert(1)</script>')),
      request: fc.oneof(fc.record({ verb: fc.constantFrom('create', 'get', 'bogus') }), fc.anything()),
      goal: fc.oneof(fc.record({ code: fc.integer() }), fc.record({ cel: fc.string() }), fc.anything()),
      hints: fc.array(fc.oneof(fc.string(), fc.anything()), { maxLength: 3 }),
      solution: fc.anything(),
    }, { requiredKeys: [] }),
    { maxLength: 3 },
  ),
  lessons: fc.anything(),
}, { requiredKeys: [] })

describe('parseLessonFile on arbitrary input', () => {
  it('answers with a lesson or an error for any JSON-shaped pack', () => {
    fc.assert(
      fc.property(fc.oneof(wellShaped, fc.anything()), (value) => {
        const result = parseLessonFile(JSON.stringify(value) ?? 'null')
        expect(typeof (result.ok ? result.value : result.error)).toBe(result.ok ? 'object' : 'string')
      }),
      { numRuns: 1000 },
    )
  })

  it('answers for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parseLessonFile(text)
        expect(result.ok || typeof result.error === 'string').toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})
