import { describe, expect, it } from 'vitest'
import { podNodeSelector, selectorToMap } from './podNodeSelector'
import { podTolerationRestriction } from './podTolerationRestriction'
import { attrs, context, namespace, pod } from './testkit'
import { isSuperset, mergeTolerations, verifyAgainstWhitelist, type Toleration } from './tolerations'

const NODE_SELECTOR = 'scheduler.alpha.kubernetes.io/node-selector'
const DEFAULTS = 'scheduler.alpha.kubernetes.io/defaultTolerations'
const WHITELIST = 'scheduler.alpha.kubernetes.io/tolerationsWhitelist'

describe('PodNodeSelector', () => {
  it.each([
    {
      name: 'merges the namespace selector',
      ns: { [NODE_SELECTOR]: 'env=prod, tier=web' },
      own: { disk: 'ssd' },
      want: { disk: 'ssd', env: 'prod', tier: 'web' },
    },
    {
      name: 'a matching label is fine',
      ns: { [NODE_SELECTOR]: 'env=prod' },
      own: { env: 'prod' },
      want: { env: 'prod' },
    },
    { name: 'no annotation, no change', ns: undefined, own: { disk: 'ssd' }, want: { disk: 'ssd' } },
    { name: 'an empty annotation, no change', ns: { [NODE_SELECTOR]: '' }, own: undefined, want: undefined },
  ])('$name', ({ ns, own, want }) => {
    const a = attrs('pods', 'CREATE', pod('web', own ? { nodeSelector: own } : {}))
    expect(podNodeSelector.admit!(a, context([namespace('default', ns)])).allowed).toBe(true)
    expect((a.object!.spec as { nodeSelector?: unknown }).nodeSelector).toEqual(want)
    expect(podNodeSelector.validate!(a, context([namespace('default', ns)])).allowed).toBe(true)
  })

  it('refuses a Pod that contradicts its namespace, naming it by name only', () => {
    const ctx = context([namespace('default', { [NODE_SELECTOR]: 'env=prod' })])
    const named = podNodeSelector.admit!(
      attrs('pods', 'CREATE', pod('web', { nodeSelector: { env: 'dev' } })),
      ctx,
    )
    expect(named).toMatchObject({
      allowed: false,
      status: {
        code: 403,
        reason: 'Forbidden',
        message:
          'pods "web" is forbidden: pod node label selector conflicts with its namespace node label selector',
      },
    })
    const generated = pod('', { nodeSelector: { env: 'dev' } })
    generated.metadata = { generateName: 'web-', namespace: 'default' }
    const unnamed = podNodeSelector.validate!(attrs('pods', 'CREATE', generated), ctx)
    expect(unnamed).toMatchObject({
      status: {
        message:
          'pods is forbidden: pod node label selector conflicts with its namespace node label selector',
      },
    })
  })

  it('answers 500 when the annotation does not parse', () => {
    const verdict = podNodeSelector.admit!(
      attrs('pods', 'CREATE', pod('web')),
      context([namespace('default', { [NODE_SELECTOR]: 'env' })]),
    )
    expect(verdict).toMatchObject({
      allowed: false,
      status: { code: 500, message: 'invalid selector: [env]' },
    })
    expect(selectorToMap('a=b,c=d')).toEqual({ a: 'b', c: 'd' })
  })
})

describe('tolerations helpers', () => {
  const exists = (key: string, effect = ''): Toleration => ({
    key,
    operator: 'Exists',
    ...(effect ? { effect } : {}),
  })
  it.each([
    { ss: exists('a'), t: { key: 'a', operator: 'Equal', value: 'x', effect: 'NoSchedule' }, want: true },
    {
      ss: exists('a', 'NoSchedule'),
      t: { key: 'a', operator: 'Equal', value: 'x', effect: 'NoExecute' },
      want: false,
    },
    { ss: { operator: 'Exists' }, t: exists('anything', 'NoSchedule'), want: true },
    {
      ss: { key: 'a', operator: 'Equal', value: 'x' },
      t: { key: 'a', operator: 'Equal', value: 'y' },
      want: false,
    },
    {
      ss: { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      t: { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      want: false,
    },
    {
      ss: { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 600 },
      t: { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      want: true,
    },
  ])('isSuperset($ss, $t) = $want', ({ ss, t, want }) => {
    expect(isSuperset(ss, t)).toBe(want)
  })

  it('merges keeping the covering toleration', () => {
    expect(
      mergeTolerations([{ key: 'a', operator: 'Equal', value: 'x' }], [exists('a'), exists('a')]),
    ).toEqual([exists('a')])
    expect(verifyAgainstWhitelist([exists('a')], [])).toBe(true)
    expect(verifyAgainstWhitelist([exists('b')], [exists('a')])).toBe(false)
  })
})

describe('PodTolerationRestriction', () => {
  const memoryPressure = {
    key: 'node.kubernetes.io/memory-pressure',
    operator: 'Exists',
    effect: 'NoSchedule',
  }
  const burstable = {
    containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m' } } }],
  }

  it.each([
    {
      name: 'BestEffort Pod, namespace defaults',
      ns: { [DEFAULTS]: '[{"key":"team","operator":"Equal","value":"a","effect":"NoSchedule"}]' },
      spec: {},
      want: [{ key: 'team', operator: 'Equal', value: 'a', effect: 'NoSchedule' }],
    },
    { name: 'Burstable Pod gets memory-pressure', ns: undefined, spec: burstable, want: [memoryPressure] },
    { name: 'BestEffort Pod, nothing to add', ns: undefined, spec: {}, want: undefined },
  ])('$name', ({ ns, spec, want }) => {
    const a = attrs('pods', 'CREATE', pod('web', spec))
    expect(podTolerationRestriction.admit!(a, context([namespace('default', ns)])).allowed).toBe(true)
    expect((a.object!.spec as { tolerations?: unknown }).tolerations).toEqual(want)
  })

  it('refuses a toleration outside the namespace whitelist with a bare 500', () => {
    const ctx = context([namespace('default', { [WHITELIST]: '[{"key":"team","operator":"Exists"}]' })])
    const a = attrs(
      'pods',
      'CREATE',
      pod('web', { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }),
    )
    const verdict = podTolerationRestriction.admit!(a, ctx)
    expect(verdict).toMatchObject({
      allowed: false,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: 500,
        message:
          'pod tolerations (possibly merged with namespace default tolerations) conflict with its namespace whitelist',
      },
    })
    if (!verdict.allowed) expect(verdict.status).not.toHaveProperty('reason')
  })

  it('allows whitelisted tolerations, and everything when the whitelist is empty', () => {
    const ok = attrs(
      'pods',
      'CREATE',
      pod('web', { tolerations: [{ key: 'team', operator: 'Equal', value: 'a' }] }),
    )
    expect(
      podTolerationRestriction.validate!(
        ok,
        context([namespace('default', { [WHITELIST]: '[{"key":"team","operator":"Exists"}]' })]),
      ).allowed,
    ).toBe(true)
    expect(
      podTolerationRestriction.validate!(ok, context([namespace('default', { [WHITELIST]: '' })])).allowed,
    ).toBe(true)
  })
})
