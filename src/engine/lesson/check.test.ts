// The lesson walk: state carries from step to step, and each rule of lesson check reports its problem.
import { describe, expect, it } from 'vitest'
import { checkLessonSteps } from './check'
import { parseLessonFile } from './parse'
import type { Lesson } from './types'
import { stepScenario, stepSolution, stepStart, toRequest } from './walk'

const configMap = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: ${value}}\n`

function lesson(steps: object[]): Lesson {
  const parsed = parseLessonFile(JSON.stringify({ kind: 'Lesson', id: 'walk', title: 'Walk', steps }))
  if (!parsed.ok || parsed.value.kind !== 'Lesson') throw new Error(parsed.ok ? 'not a lesson' : parsed.error)
  return parsed.value
}

const create = { title: 'Create', text: '.', editor: configMap('red'), request: { verb: 'get' }, goal: { code: 201 }, solution: { request: { verb: 'create' } } }
const change = {
  title: 'Change',
  text: '.',
  goal: { cel: "cluster.keys['/registry/configmaps/default/settings'].data.color == 'blue'" },
  hints: [{ text: 'not create', attempt: { editor: configMap('blue') } }],
  solution: { editor: configMap('blue'), request: { verb: 'apply' } },
}

describe('walking a lesson', () => {
  const walk = lesson([create, change])

  it('starts a step with what the step before ended with', () => {
    expect(stepStart(walk, 1)).toEqual({ editor: configMap('red'), request: { verb: 'create' } })
    expect(stepSolution(walk, 1)).toEqual({ editor: configMap('blue'), request: { verb: 'apply' } })
  })

  it("replays the earlier solutions to build a step's cluster", () => {
    expect(stepScenario(walk, 1).requests).toEqual([{ title: 'Create', verb: 'create', manifest: configMap('red') }])
    expect(stepScenario(walk, 0).requests).toEqual([])
  })

  it('sends the editor only when kubectl would send a file', () => {
    expect(toRequest({ editor: 'x', request: { verb: 'get', resource: 'pods', name: 'web' } })).toEqual({ verb: 'get', resource: 'pods', name: 'web' })
    expect(toRequest({ editor: 'x', request: { verb: 'whoami' } })).toEqual({ verb: 'whoami' })
    expect(toRequest({ editor: 'x', request: { verb: 'delete' } })).toEqual({ verb: 'delete', manifest: 'x' })
  })

  it('passes a lesson whose steps are right', () => {
    expect(checkLessonSteps(walk)).toEqual({ id: 'walk', steps: 2, ok: true, problems: [] })
  })

  it.each([
    ['a goal that holds at the start', [{ ...create, request: { verb: 'create' } }], ['step 1 (Create): the step as it starts already meets the goal']],
    [
      'a wrong attempt that meets the goal',
      [create, { ...change, hints: [{ text: 'h', attempt: { editor: configMap('blue'), request: { verb: 'apply' } } }] }],
      ["step 2 (Change): hint 1's wrong attempt already meets the goal"],
    ],
    [
      'a solution that does not meet the goal',
      [create, { ...change, solution: { request: { verb: 'apply' } } }],
      [`step 2 (Change): the solution does not meet the goal: the goal "cluster.keys['/registry/configmaps/default/settings'].data.color == 'blue'" does not hold`],
    ],
    [
      'a goal on a stage the solution never reaches',
      [{ ...create, goal: { code: 201, stoppedAt: 'authorization' } }],
      ['step 1 (Create): the solution does not meet the goal: expected the request to stop at authorization; it succeeded'],
    ],
  ])('reports %s', (_, steps, problems) => {
    expect(checkLessonSteps(lesson(steps))).toEqual({ id: 'walk', steps: steps.length, ok: false, problems })
  })

  it('reports a cluster that does not load instead of throwing', () => {
    const broken = { ...lesson([create]), cluster: { objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: {} }] } }
    const result = checkLessonSteps(broken)
    expect(result.ok).toBe(false)
    expect(result.problems[0]).toMatch(/^step 1 \(Create\): the step as it starts could not run: cluster\.objects\[0\] \(Pod x\): /)
  })
})
