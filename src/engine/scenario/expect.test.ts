// The expectation checker against real results: each key, each problem text, CEL goals and their limits.
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import { checkExpectation, compileGoal } from './expect'
import type { Expectation, Scenario, ScenarioRequest } from './types'

const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: dev\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27${extra}\n`

const scenario: Scenario = {
  name: 'expect-test',
  cluster: {
    users: [{ name: 'jane', token: 'jane-token' }],
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'locked', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    ],
  },
}

function run(request: ScenarioRequest) {
  const simulator = createSimulator(scenario)
  const results = simulator.run(request)
  return { results, cluster: simulator.snapshot() }
}

const created = run({ verb: 'create', manifest: pod('web') })
const forbidden = run({ verb: 'create', as: 'jane', manifest: pod('web') })
const restricted = run({ verb: 'create', manifest: pod('web').replace('dev', 'locked') })
const typo = run({ verb: 'create', manifest: pod('web', '\n      imagee: x'), fieldValidation: 'Warn' })

describe('checkExpectation', () => {
  it.each<[string, typeof created, Expectation, string[]]>([
    ['a met goal', created, { code: 201, stoppedAt: null, kubectl: 'pod/web created', warnings: [], mutatedBy: ['defaulting', 'ServiceAccount'] }, []],
    ['the code', forbidden, { code: 201 }, ['expected the API server to answer 201; it answered 403']],
    ['success expected', forbidden, { stoppedAt: null }, ['expected the request to succeed; it stopped at authorization (none)']],
    ['the wrong stage', restricted, { stoppedAt: 'authorization' }, ['expected the request to stop at authorization; it stopped at validating-admission (PodSecurity)']],
    ['a stop expected', created, { stoppedAt: 'validation' }, ['expected the request to stop at validation; it succeeded']],
    ['the rejecting step', restricted, { rejectedBy: 'PodSecurity', reason: 'Forbidden' }, []],
    ['another rejecting step', restricted, { rejectedBy: 'ResourceQuota' }, ['expected ResourceQuota to reject the request; PodSecurity (validating-admission) rejected it']],
    ['nothing rejected', created, { rejectedBy: 'PodSecurity' }, ['expected PodSecurity to reject the request; nothing rejected it']],
    ['a mutation that did not happen', created, { mutatedBy: ['AlwaysPullImages'] }, ['expected AlwaysPullImages to change the object; it did not']],
    ['the reason', forbidden, { reason: 'Invalid' }, ['expected the reason Invalid; it was Forbidden']],
    ['no reason on success', created, { reason: 'Forbidden' }, ['expected the reason Forbidden; the response has none']],
    ['the exact message', forbidden, { message: 'pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "dev"' }, []],
    ['a part of the message', forbidden, { messageContains: 'cannot list' }, ['expected the message to contain "cannot list"; it was "pods is forbidden: User \\"jane\\" cannot create resource \\"pods\\" in API group \\"\\" in the namespace \\"dev\\""']],
    ['what kubectl prints', created, { kubectl: 'pod/web configured' }, ['expected kubectl to print "pod/web configured"; it printed "pod/web created"']],
    ['the warnings', typo, { warnings: [] }, ['expected no warnings; they were "unknown field \\"spec.containers[0].imagee\\""']],
    ['warnings that were not given', created, { warnings: ['x'] }, ['expected the warnings "x"; there were none']],
    ['a CEL goal over the cluster', created, { cel: "response.code == 201 && cluster.objects.exists(o, o.kind == 'Pod' && o.metadata.name == 'web')" }, []],
    ['a CEL goal by etcd key', created, { cel: "cluster.keys['/registry/pods/dev/web'].spec.serviceAccountName == 'default'" }, []],
    ['a CEL goal over the trace', restricted, { cel: "trace.exists(t, t.step == 'PodSecurity' && t.outcome == 'rejected') && response.stoppedAt == 'validating-admission'" }, []],
    ['a CEL goal that does not hold', forbidden, { cel: 'response.code == 201' }, ['the goal "response.code == 201" does not hold']],
    ['a CEL goal that is not a bool', created, { cel: 'response.code' }, ['the goal "response.code" gave bigint, not a bool']],
    ['a runaway CEL goal', created, { cel: 'cluster.objects.all(a, cluster.objects.all(b, cluster.objects.all(c, true)))' }, ['the goal "cluster.objects.all(a, cluster.objects.all(b, cluster.objects.all(c, true)))" could not be evaluated: operation cancelled: actual cost limit exceeded']],
  ])('%s', (_, { results, cluster }, goal, problems) => {
    expect(checkExpectation(goal, results, cluster)).toEqual(problems)
  })

  it('names the document when a manifest has several', () => {
    const { results, cluster } = run({ verb: 'create', manifest: `${pod('a')}---\n${pod('b').replace('dev', 'nowhere')}` })
    expect(checkExpectation({ code: 201 }, results, cluster)).toEqual(['document 2 (create Pod b): expected the API server to answer 201; it answered 404'])
  })

  it('says so when kubectl sent nothing', () => {
    expect(checkExpectation({ code: 201 }, [])).toEqual(['kubectl sent nothing: the manifest has no objects'])
    const { results } = run({ verb: 'create', manifest: 'kind: [' })
    expect(checkExpectation({ code: 201 }, results)).toEqual(['expected the API server to answer 201; kubectl sent nothing'])
  })
})

describe('compileGoal', () => {
  it.each([
    ['response.code == 201', undefined],
    ['response.code ==', 'ERROR: <input>:1:17: Syntax error: Unexpected token: EOF\n | response.code ==\n | ................^'],
    ["'a' + 'b'", 'must evaluate to bool but got string'],
  ])('%s', (expression, error) => {
    const goal = compileGoal(expression)
    expect(goal.ok ? undefined : goal.error).toBe(error)
  })
})
