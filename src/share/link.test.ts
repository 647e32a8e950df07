import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'fflate'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { encodeBase64url } from './base64url'
import { deflateRaw } from './deflate'
import { V1_DICTIONARY } from './v1Dictionary'
import type { ShareBases, ShareState } from './link'
import { MAX_LINK_LENGTH, decodeShareLink, encodeShareLink, isShareLink, tooLongForLink } from './link'

// A realistic deployment address of 38 characters, the length the link budget assumes.
const ORIGIN = 'https://labs.example.dev/kube-api-lab/'

const dir = join(__dirname, '../scenarios')
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const text = readFileSync(join(dir, f), 'utf8')
    const doc = parse(text) as { name: string; requests?: { manifest?: string }[] }
    return { file: f, name: doc.name, text, manifest: doc.requests?.find((r) => r.manifest)?.manifest }
  })

/** What the app knows: the bundled examples, and that the editor opens with a scenario's first manifest. */
const bases: ShareBases = {
  hasScenario: (id) => examples.some((e) => e.name === id),
  editorBase: ({ scenario }) => {
    if ('id' in scenario) return examples.find((e) => e.name === scenario.id)?.manifest
    try {
      const doc = parse(scenario.text, { logLevel: 'silent' }) as {
        requests?: { manifest?: string }[]
      } | null
      return doc?.requests?.find?.((r) => r?.manifest)?.manifest
    } catch {
      return undefined
    }
  },
}

const SETTINGS = {
  verb: 'create',
  as: 'jane',
  impersonateUser: '',
  impersonateGroups: '',
  namespace: 'dev',
  dryRun: false,
}

function link(state: ShareState): string {
  const encoded = encodeShareLink(state, bases)
  if (!encoded.ok) throw new Error(encoded.error)
  return encoded.value
}

function roundTrip(state: ShareState) {
  const hash = link(state)
  expect(decodeShareLink(hash, bases)).toEqual({ ok: true, value: state })
  return `${ORIGIN}${hash}`
}

/** A learner's typical edit: one value changed and one line added. */
function edit(manifest: string): string {
  const lines = manifest.split('\n')
  lines.splice(2, 0, '  # tried with a second replica')
  const at = lines.findIndex((l) => /name: /.test(l))
  if (at >= 0) lines[at] = `${lines[at]}-v2`
  return lines.join('\n')
}

describe('share links for the bundled examples', () => {
  it('the origin is the 38 characters the budget assumes', () => {
    expect(ORIGIN).toHaveLength(38)
  })

  it.each(examples.map((e) => [e.file, e] as const))(
    '%s: as a whole scenario file, within 2,000 characters',
    (_file, example) => {
      const url = roundTrip({ scenario: { text: example.text }, request: SETTINGS, step: 3 })
      expect(url.length).toBeLessThanOrEqual(MAX_LINK_LENGTH)
      expect(tooLongForLink(url)).toBeNull()
    },
  )

  it.each(examples.filter((e) => e.manifest).map((e) => [e.file, e] as const))(
    '%s: by name with an edited manifest, within 600 characters',
    (_file, example) => {
      const url = roundTrip({
        scenario: { id: example.name },
        editor: edit(example.manifest!),
        request: SETTINGS,
        step: 5,
      })
      expect(url.length).toBeLessThanOrEqual(600)
    },
  )

  it('an unedited example carries only its name', () => {
    const url = roundTrip({ scenario: { id: 'pod-created' } })
    expect(url.length).toBeLessThan(ORIGIN.length + 40)
  })

  it('a lesson and its step', () => {
    roundTrip({ scenario: { id: 'pod-created' }, lesson: { id: 'first-steps', step: 2 }, step: 0 })
  })

  it('an editor text with no bundled base travels whole', () => {
    roundTrip({ scenario: { text: 'name: blank\ntitle: An empty cluster\n' }, editor: 'kind: Pod\n' })
  })
})

describe('any state round-trips', () => {
  const text = fc.string({ maxLength: 400, unit: 'grapheme' })
  const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/)
  const json = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), {
    maxKeys: 5,
  })
  const state: fc.Arbitrary<ShareState> = fc.record(
    {
      scenario: fc.oneof(
        fc.constantFrom(...examples.map((e) => ({ id: e.name }))),
        text.map((t) => ({ text: t })),
      ),
      editor: fc.oneof(
        text,
        fc.constantFrom(...examples.flatMap((e) => (e.manifest ? [e.manifest, edit(e.manifest)] : []))),
      ),
      request: json,
      step: fc.nat(1000),
      lesson: fc.record({ id: name, step: fc.nat(50) }),
    },
    { requiredKeys: ['scenario'] },
  )

  it('decode(encode(state)) is the state', () => {
    fc.assert(
      fc.property(state, (s) => {
        // What survives JSON (no -0, no undefined) is what a link can carry.
        const clean = JSON.parse(JSON.stringify(s)) as ShareState
        const encoded = encodeShareLink(clean, bases)
        // The generator may nest a __proto__ key in the settings, which both ends refuse.
        if (!encoded.ok) return expect(encoded.error).toBe('the request settings hold a "__proto__" key')
        expect(decodeShareLink(encoded.value, bases)).toEqual({ ok: true, value: clean })
      }),
      { numRuns: Number(process.env.SHARE_RUNS ?? 500) },
    )
  }, 60_000)
})

/** A payload as a hostile page would build it: any JSON, properly compressed. */
const dictionary = new TextEncoder().encode(V1_DICTIONARY)
const forgeBytes = (bytes: Uint8Array, format = 1) =>
  `#s=${format}.${encodeBase64url(deflateRaw(bytes, dictionary))}`
const forgeText = (text: string, format = 1) => forgeBytes(new TextEncoder().encode(text), format)
const forge = (value: unknown, format = 1) => forgeText(JSON.stringify(value), format)

describe('hostile and broken links are refused with a sentence', () => {
  const podCreated = examples.find((e) => e.name === 'pod-created')!
  it.each<[string, string, string]>([
    ['not a share link', '#scenario=x', 'this is not a Kube API Lab link: it should look like #s=1.…'],
    ['no payload separator', '#s=1', 'this is not a Kube API Lab link: it should look like #s=1.…'],
    [
      'a character outside base64url',
      '#s=1.abc+',
      'this is not a Kube API Lab link: it should look like #s=1.…',
    ],
    [
      'a newer format',
      forge({ s: 'pod-created' }, 7),
      'this link was made by a newer Kube API Lab (link format 7); this version reads formats up to 1',
    ],
    ['format 0', forge({ s: 'pod-created' }, 0), 'link format 0 does not exist'],
    ['a 4k+1 payload', '#s=1.abcde', 'the link is damaged: its payload is not base64url'],
    [
      'a cut-off payload',
      link({ scenario: { text: podCreated.text } }).slice(0, 60),
      'the link is damaged: its payload does not decompress (was it cut short?)',
    ],
    ['not JSON', forgeText('{"s": '), 'the link is damaged: its content is not JSON'],
    [
      'invalid UTF-8',
      forgeBytes(new Uint8Array([0x7b, 0xff, 0x7d])),
      'the link is damaged: its content is not JSON',
    ],
    ['a list', forge(['pod-created']), 'the link is damaged: its content is not an object'],
    [
      'a prototype key',
      forgeText('{"s":"pod-created","r":{"a":{"__proto__":{"admin":true}}}}'),
      'the request settings hold a "__proto__" key',
    ],
    [
      'a prototype key at the top',
      forgeText('{"s":"pod-created","__proto__":{}}'),
      'the link has a field this version does not know: "__proto__"',
    ],
    [
      'an unknown field',
      forge({ s: 'pod-created', x: 1 }),
      'the link has a field this version does not know: "x"',
    ],
    [
      'no scenario',
      forge({}),
      "the example must be a lowercase name of letters, digits and '-' (at most 63 characters)",
    ],
    [
      'an example name with a path',
      forge({ s: '../etc/passwd' }),
      "the example must be a lowercase name of letters, digits and '-' (at most 63 characters)",
    ],
    [
      'an example this build lacks',
      forge({ s: 'from-the-future' }),
      'the link opens the example "from-the-future", which this version of Kube API Lab does not have',
    ],
    ['a scenario text that is a number', forge({ s: { t: 5 } }), 'the scenario must be text'],
    ['a scenario with extra fields', forge({ s: { t: '', u: 1 } }), "the link's scenario has unknown fields"],
    [
      'a negative step',
      forge({ s: 'pod-created', p: -1 }),
      'the step must be a whole number from 0 to 1000000',
    ],
    [
      'a fractional step',
      forge({ s: 'pod-created', p: 1.5 }),
      'the step must be a whole number from 0 to 1000000',
    ],
    [
      'a huge step',
      forge({ s: 'pod-created', p: 1e300 }),
      'the step must be a whole number from 0 to 1000000',
    ],
    [
      'request settings that are a string',
      forge({ s: 'pod-created', r: 'create' }),
      'the request settings must be an object',
    ],
    [
      'request settings nested deep',
      forge({ s: 'pod-created', r: JSON.parse('{"a":'.repeat(50) + '1' + '}'.repeat(50)) }),
      'the request settings nest deeper than 8 levels',
    ],
    [
      'request settings too large',
      forge({ s: 'pod-created', r: { a: 'x'.repeat(20_000) } }),
      'the request settings are larger than 16384 characters',
    ],
    [
      'a lesson that is not a pair',
      forge({ s: 'pod-created', l: 'intro' }),
      "the link's lesson must be [id, step]",
    ],
    [
      'a lesson step that is text',
      forge({ s: 'pod-created', l: ['intro', '2'] }),
      'the lesson step must be a whole number from 0 to 1000000',
    ],
    [
      'an editor that is a list',
      forge({ s: 'pod-created', e: ['kind: Pod'] }),
      'the editor text must be text',
    ],
    [
      'editor changes with unknown fields',
      forge({ s: 'pod-created', e: { h: 'x', d: [], z: 1 } }),
      "the link's editor changes have unknown fields",
    ],
    [
      'editor changes against another text',
      forge({ s: 'pod-created', e: { h: 'abc', d: [] } }),
      "the text this link was edited from has changed since, so the link's edits to it no longer apply",
    ],
    [
      'editor changes with no base',
      forge({ s: { t: 'name: x\n' }, e: { h: 'abc', d: [] } }),
      'the link changes an editor text this version does not have',
    ],
  ])('%s', (_what, hash, error) => {
    expect(decodeShareLink(hash, bases)).toEqual({ ok: false, error })
  })

  it('editor changes that do not fit the example', () => {
    const base = podCreated.manifest!
    const { value: valid } = encodeShareLink(
      { scenario: { id: 'pod-created' }, editor: `${base}# x` },
      bases,
    ) as { value: string }
    expect(valid).toMatch(/^#s=1\./)
    const digest = JSON.stringify(decodeShareLink(valid, bases))
    expect(digest).toContain('# x')
    const wire = { s: 'pod-created', e: { h: hashOf(base), d: [10_000] } }
    expect(decodeShareLink(forge(wire), bases)).toEqual({
      ok: false,
      error: 'the link is damaged: its editor changes do not fit the example',
    })
  })

  it('a decompression bomb is refused without inflating it', () => {
    // Just over the 6.25 MiB limit, deflated to a few kilobytes.
    const bomb = `#s=1.${encodeBase64url(deflateSync(new Uint8Array(7 << 20).fill(0x20), { level: 1, dictionary }))}`
    expect(bomb.length).toBeLessThan(200_000)
    expect(decodeShareLink(bomb, bases)).toEqual({
      ok: false,
      error: "the link's content is larger than 6553600 bytes",
    })
  }, 30_000)

  it('a link over 2 MB is not even parsed', () => {
    expect(decodeShareLink(`#s=1.${'A'.repeat(3 << 20)}`, bases)).toEqual({
      ok: false,
      error: 'the link is longer than 2097152 characters',
    })
  })

  it('any string decodes to a state or an error, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (text, bytes) => {
        for (const hash of [text, `#s=1.${text}`, `#s=1.${encodeBase64url(bytes)}`, forgeText(text)]) {
          const result = decodeShareLink(hash, bases)
          expect(typeof result.ok).toBe('boolean')
        }
      }),
      { numRuns: 500 },
    )
  })

  it('the encoder refuses a state its decoder would refuse', () => {
    expect(encodeShareLink({ scenario: { id: 'Bad Name' } }, bases)).toEqual({
      ok: false,
      error: "the example must be a lowercase name of letters, digits and '-' (at most 63 characters)",
    })
    expect(encodeShareLink({ scenario: { id: 'pod-created' }, step: -2 }, bases).ok).toBe(false)
  })
})

function hashOf(text: string): string {
  // The v1 digest, recomputed independently: FNV-1a 32-bit over UTF-16 code units, base 36.
  let h = 0x811c9dc5
  for (const unit of text.split('').map((c) => c.charCodeAt(0))) h = Math.imul(h ^ unit, 16777619) >>> 0
  return h.toString(36)
}

describe('tooLongForLink', () => {
  it('passes a URL of 2,000 characters and guides for a longer one', () => {
    expect(tooLongForLink('x'.repeat(2000))).toBeNull()
    expect(tooLongForLink('x'.repeat(3412))).toEqual({
      length: 3412,
      limit: 2000,
      message:
        'This link would be 3,412 characters long; chat tools cut links over 2,000. Download the scenario file and share that instead.',
    })
  })

  it('isShareLink tells share links from other hashes', () => {
    expect(isShareLink('#s=1.abc')).toBe(true)
    expect(isShareLink('s=1.abc')).toBe(true)
    expect(isShareLink('#section-2')).toBe(false)
  })
})
