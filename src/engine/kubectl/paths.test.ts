// Names in URLs as client-go writes them, and manifests whose metadata kubectl cannot decode.
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import { escapePathSegment, invalidNameError, metadataDecodeError } from './paths'

const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data: { a: '1' },
})

describe('escapePathSegment (url.URL.EscapedPath)', () => {
  it.each<[string, string]>([
    ['web', 'web'],
    ['web?dryRun=All', 'web%3FdryRun=All'],
    ['a b#c', 'a%20b%23c'],
    ["x:y@z$&+,;=~._-", "x:y@z$&+,;=~._-"],
    ['é', '%C3%A9'],
  ])('%s → %s', (name, want) => expect(escapePathSegment(name)).toBe(want))
})

describe('invalidNameError (client-go Request.Name, IsValidPathSegmentName)', () => {
  it.each<[string, string | undefined]>([
    ['web', undefined],
    ['a/b', `invalid resource name "a/b": [may not contain '/']`],
    ['a/%b', `invalid resource name "a/%b": [may not contain '/' may not contain '%']`],
    ['..', `invalid resource name "..": [may not be '..']`],
  ])('%s', (name, want) => expect(invalidNameError('resource name', name)).toBe(want))
})

describe('metadataDecodeError (cli-runtime metadataValidatingDecoder)', () => {
  it.each<[unknown, string | undefined]>([
    [{ name: 'x' }, undefined],
    [{ name: [] }, 'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.name of type string'],
    [{ name: 'x', namespace: 3 }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.namespace of type string'],
    [{ name: 'x', labels: { a: true } }, 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string'],
  ])('%j', (metadata, want) => {
    expect(metadataDecodeError({ apiVersion: 'v1', kind: 'ConfigMap', metadata } as never)).toBe(want)
  })
})

describe('kubectl with hostile names', () => {
  it('deleting web?dryRun=All targets that name, not web with a dry run', () => {
    const sim = createSimulator()
    sim.run({ verb: 'apply', object: cm('web') })
    const [r] = sim.run({ verb: 'delete', resource: 'configmaps', name: 'web?dryRun=All' })
    expect(r!.request.path).toBe('/api/v1/namespaces/default/configmaps/web%3FdryRun=All')
    expect(r!.response.code).toBe(404)
    expect(r!.kubectl).toBe('Error from server (NotFound): configmaps "web?dryRun=All" not found')
    expect(sim.snapshot().entries.some((e) => e.key === '/registry/configmaps/default/web')).toBe(true)
  })

  it('a name with a slash is refused by the client', () => {
    const sim = createSimulator()
    const [r] = sim.run({ verb: 'get', resource: 'configmaps', name: 'a/b' })
    expect(r!.kubectl).toBe(`error: invalid resource name "a/b": [may not contain '/']`)
    expect(r!.calls).toEqual([])
  })

  it.each(['delete', 'apply', 'create'] as const)('%s -f with name: [] is refused before any request', (verb) => {
    const sim = createSimulator()
    sim.run({ verb: 'apply', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } } })
    const before = sim.snapshot().revision
    const [r] = sim.run({ verb, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: [] } } as never })
    expect(r!.kubectl).toBe(
      'error: unable to decode "manifest.yaml": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.name of type string',
    )
    expect(r!.calls).toEqual([])
    expect(sim.snapshot().revision).toBe(before)
  })
})
