// apierrors.NewInvalid and field.Path.String() (k8s.io/apimachinery/pkg/util/validation/field/path.go).
import { describe, expect, it } from 'vitest'
import { createHarness } from './controllers/harness'
import { invalid } from './status'

describe('status texts', () => {
  it('a root field path prints as [] in the message and the cause', () => {
    const status = invalid('', 'Pod', 'p', [{ type: 'FieldValueInvalid', field: '', badValue: 'x', detail: 'bad' }])
    expect(status.message).toBe('Pod "p" is invalid: []: Invalid value: "x": bad')
    expect(status.details?.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: "x": bad', field: '[]' }])
  })

  it('a list at a resourceVersion that is not a number: ValidateListOptions\' 400', () => {
    const h = createHarness()
    const res = h.send('GET', '/api/v1/namespaces/default/configmaps?resourceVersion=abc')
    expect(res.response.code).toBe(400)
    expect((res.response.body as { message: string }).message).toBe(
      'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    )
  })
})
