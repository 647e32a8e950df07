import { describe, expect, it } from 'vitest'
import { resourceByName } from '../resources'
import { convertFieldSelector, matchesFields, parseFieldSelector, selectableFields } from './fields'
import { labelSelectorString, matchesLabels, parseLabelSelector } from './labels'
import { base64RawUrlDecode, decodeContinue, encodeContinue, parseListOptions } from './listOptions'

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

describe('label selectors parse as labels.Parse does', () => {
  it.each([
    ['app=web', 'app=web'],
    ['app==web', 'app==web'],
    ['app!=web', 'app!=web'],
    ['tier in (b,a)', 'tier in (a,b)'],
    ['tier notin (a)', 'tier notin (a)'],
    ['app', 'app'],
    ['!app', '!app'],
    ['z=1,a=2', 'a=2,z=1'],
    ['x in (in)', 'x in (in)'],
    ['app=', 'app='],
  ])('%s', (input, printed) => {
    const parsed = parseLabelSelector(input)
    expect(parsed.ok && labelSelectorString(parsed.value)).toBe(printed)
  })

  it.each([
    ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app=a b', "found 'b', expected: ',' or 'end of string'"],
    [',app', "found ',', expected: !, identifier, or 'end of string'"],
    ['app=a,', "found '', expected: identifier after ','"],
    ['app in a', "unable to parse requirement: found 'a' expected: '('"],
    ['app:x=1', `unable to parse requirement: <nil>: Invalid value: "app:x": ${NAME_PART}`],
    [
      'app=a$',
      "unable to parse requirement: values[0][app]: Invalid value: \"a$\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ])('%s is refused', (input, error) => {
    expect(parseLabelSelector(input)).toEqual({ ok: false, error })
  })

  it.each([
    ['app=web', { app: 'web' }, true],
    ['app!=web', {}, true],
    ['tier notin (a)', { tier: 'a' }, false],
    ['tier in (a,b)', { tier: 'b' }, true],
    ['!app', { app: 'x' }, false],
    ['app', {}, false],
  ])('%s against %j matches: %s', (input, labels, expected) => {
    const parsed = parseLabelSelector(input)
    expect(parsed.ok && matchesLabels(parsed.value, labels)).toBe(expected)
  })
})

describe('field selectors', () => {
  const pods = resourceByName('pods')!
  const configmaps = resourceByName('configmaps')!
  it.each([
    [
      configmaps,
      'spec.foo=1',
      '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [pods, 'spec.foo=1', 'field label not supported: spec.foo'],
    [
      resourceByName('jobs')!,
      'status.succeeded=1',
      'field label "status.succeeded" not supported for batchv1.Job',
    ],
  ])('%s refuses %s', (resource, input, error) => {
    const parsed = parseFieldSelector(input)
    expect(parsed.ok && convertFieldSelector(resource, parsed.value)).toEqual({ ok: false, error })
  })

  it.each([
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
  ])('%s does not parse', (input, error) => {
    expect(parseFieldSelector(input)).toEqual({ ok: false, error })
  })

  it('selects Pods on spec.nodeName and status.phase, and renames spec.host', () => {
    const pod = {
      metadata: { name: 'a', namespace: 'dev' },
      spec: { nodeName: 'n1' },
      status: { phase: 'Running' },
    }
    const parsed = parseFieldSelector('spec.host=n1,status.phase!=Pending,metadata.namespace=dev')
    const converted = parsed.ok ? convertFieldSelector(pods, parsed.value) : undefined
    expect(converted?.ok && matchesFields(converted.value, selectableFields(pods, pod))).toBe(true)
  })
})

describe('list options', () => {
  const pods = resourceByName('pods')!
  it('answers 422 ListOptions for resourceVersionMatch without resourceVersion', () => {
    const parsed = parseListOptions(new URLSearchParams('resourceVersionMatch=Exact'), pods)
    expect(parsed.ok ? undefined : parsed.status.message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    )
  })
  it('answers 400 for a limit that is not a number', () => {
    const parsed = parseListOptions(new URLSearchParams('limit=ten'), pods)
    expect(parsed.ok ? undefined : parsed.status).toMatchObject({
      code: 400,
      message: 'strconv.ParseInt: parsing "ten": invalid syntax',
    })
  })
})

describe('continue tokens', () => {
  it('encode as kube does: raw URL base64 of {"v","rv","start"} relative to the prefix', () => {
    const token = encodeContinue('/registry/pods/dev/b\u0000', '/registry/pods/dev/', 12)
    const json = new TextDecoder().decode(new Uint8Array(base64RawUrlDecode(token) as number[]))
    expect(json).toBe('{"v":"meta.k8s.io/v1","rv":12,"start":"b\\u0000"}')
    expect(token).not.toMatch(/[=+/]/)
    expect(decodeContinue(token, '/registry/pods/dev/')).toEqual({
      ok: true,
      fromKey: '/registry/pods/dev/b\u0000',
      revision: 12,
    })
  })
  it.each([
    ['a!b', 'continue key is not valid: illegal base64 data at input byte 1'],
    [
      encodeContinue('/p/x', '/p/', 0),
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    ],
    [encodeContinue('/p/../x', '/p/', 3), 'continue key is not valid: ../x'],
  ])('%s is refused', (token, error) => {
    expect(decodeContinue(token, '/p/')).toEqual({ ok: false, error })
  })
})
