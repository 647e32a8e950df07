// CreateOptions and UpdateOptions share ValidateFieldManager, ValidateDryRun and ValidateFieldValidation
// (k8s.io/apimachinery/pkg/apis/meta/v1/validation) with PatchOptions.
import { describe, expect, it } from 'vitest'
import { createHarness } from '../controllers/harness'
import { validateFieldManager } from './options'

const CMS = '/api/v1/namespaces/default/configmaps'
const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' }, data: { a: '1' } }

describe('write options', () => {
  it.each([
    ['POST', CMS, `fieldManager=${'x'.repeat(129)}`, 'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes'],
    ['POST', CMS, 'dryRun=true', 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["true"]: supported values: "All"'],
    ['POST', CMS, 'fieldValidation=strict', 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"'],
    ['PUT', `${CMS}/one`, `fieldManager=${'é'.repeat(65)}`, 'UpdateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes'],
  ] as const)('%s %s?%s is 422', (method, path, query, message) => {
    const h = createHarness()
    if (method === 'PUT') h.send('POST', CMS, cm)
    const res = h.send(method, `${path}?${query}`, cm)
    expect(res.response.code).toBe(422)
    expect((res.response.body as { message: string }).message).toBe(message)
  })

  it('a 128-byte manager is accepted', () => {
    const h = createHarness()
    expect(h.send('POST', `${CMS}?fieldManager=${'x'.repeat(128)}`, cm).response.code).toBe(201)
  })

  it.each([
    ['kubectl', []],
    ['a b', []],
    ['é\u0007', ['invalid character U+0007 (at position 2)']],
    ['\u200b', ['invalid character U+200B (at position 0)']],
  ])('validateFieldManager(%j)', (manager, details) => {
    expect(validateFieldManager(manager).map((e) => e.detail)).toEqual(details)
  })
})
