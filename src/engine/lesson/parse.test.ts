// Lesson files that are wrong are refused with a message naming the field; right ones come back normalised.
import { describe, expect, it } from 'vitest'
import { parseLessonFile } from './parse'

const step = `  - title: Create it
    text: Send the Pod.
    editor: "apiVersion: v1\\nkind: Pod\\nmetadata: {name: web}\\nspec: {containers: [{name: web, image: nginx}]}\\n"
    request: {verb: get}
    goal: {code: 201}
    hints: [Try create, {text: Not get, attempt: {request: {verb: get}}}]
    solution: {request: {verb: create}}
`
const lesson = (extra = '', steps = step) => `kind: Lesson\nid: first\ntitle: First\n${extra}steps:\n${steps}`

describe('parseLessonFile', () => {
  it('reads a lesson and turns plain hints into {text}', () => {
    const parsed = parseLessonFile(lesson())
    expect(parsed.ok).toBe(true)
    if (!parsed.ok || parsed.value.kind !== 'Lesson') return
    expect(parsed.value.steps[0]!.hints).toEqual([{ text: 'Try create' }, { text: 'Not get', attempt: { request: { verb: 'get' } } }])
  })

  it('reads a pack', () => {
    const body = lesson().replace(/^/gm, '    ').replace(/^ {4}kind/, '  - kind')
    const parsed = parseLessonFile(`kind: LessonPack\ntitle: Mine\nlessons:\n${body}`)
    expect(parsed.ok && parsed.value.kind === 'LessonPack' && parsed.value.lessons.map((l) => l.id)).toEqual(['first'])
  })

  it.each([
    ['no kind', 'id: x\n', '(top level): missing required field "kind"'],
    ['an unknown kind', 'kind: Lecture\n', 'kind: must be one of Lesson, LessonPack'],
    ['a missing goal', lesson('', step.replace('    goal: {code: 201}\n', '')), 'steps[0]: missing required field "goal"'],
    ['an unknown step field', lesson('', step + '    solutoin: {}\n'), 'steps[0]: unknown field "solutoin"'],
    ['a bad id', lesson().replace('id: first', 'id: First_1'), 'id: must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"'],
    ['a wrong type', lesson('chapter: three\n'), 'chapter: must be integer'],
    ['an unknown verb', lesson('', step.replace('{verb: get}', '{verb: fetch}')), 'steps[0].request.verb: must be one of create, apply, get, list, watch, delete, update, patch, can-i, whoami'],
    ['a manifest in a request', lesson('', step.replace('{verb: get}', '{verb: get, manifest: x}')), 'steps[0].request.manifest: a lesson request takes its manifest from editor and its expectation from goal'],
    ['an unknown goal key', lesson('', step.replace('{code: 201}', '{code: 201, stage: x}')), 'steps[0].goal: unknown field "stage"'],
    ['an empty goal', lesson('', step.replace('{code: 201}', '{}')), 'steps[0].goal: must NOT have fewer than 1 properties'],
    ['a goal that does not compile', lesson('', step.replace('{code: 201}', '{cel: "response.code =="}')), 'steps[0].goal.cel: ERROR: <input>:1:17: Syntax error: Unexpected token: EOF\n | response.code ==\n | ................^'],
    ['an answer not among the choices', lesson('', step + '    predict: {question: Where?, choices: [a, b], answer: c}\n'), 'steps[0].predict.answer: must be one of the choices (a, b)'],
    ['a bad hint attempt', lesson('', step.replace('attempt: {request: {verb: get}}', 'attempt: {request: {as: jane}}')), 'steps[0].hints[1].attempt.request: missing required field "verb"'],
    ['a hint of the wrong type', lesson('', step.replace('[Try create,', '[7,')), 'steps[0].hints[0]: must be string,object'],
    ['a first step without a request', lesson('', step.replace('    request: {verb: get}\n', '').replace('solution: {request: {verb: create}}', 'solution: {editor: x}')), 'steps[0].request: the first step sets the request bar (at least its verb)'],
    ['an unknown admission plugin', lesson('cluster: {admission: {enable: [Nope]}}\n'), 'cluster.admission.enable[0]: unknown admission plugin "Nope"'],
    ['a huge text', lesson('', step.replace('Send the Pod.', 'x'.repeat(20001))), 'steps[0].text: must NOT have more than 20000 characters'],
    ['a 5 MB file', lesson('description: ' + 'x'.repeat(5 * 1024 * 1024) + '\n'), 'lesson file is larger than 3145728 bytes'],
    ['malformed YAML', 'kind: Lesson\n  id: [\n', 'line 1: Nested mappings are not allowed in compact mappings'],
    ['a pack with two lessons of one id', `kind: LessonPack\ntitle: T\nlessons:\n${[0, 1].map(() => lesson().replace(/^/gm, '    ').replace(/^ {4}kind/, '  - kind')).join('\n')}`, 'lessons[1].id: another lesson of the pack is "first"'],
  ])('refuses %s', (_, text, error) => {
    expect(parseLessonFile(text)).toEqual({ ok: false, error })
  })

  it('keeps script tags as text: a lesson is data, rendering is inert', () => {
    const parsed = parseLessonFile(lesson('', step.replace('Send the Pod.', '"<script>alert(1)</script> [x](javascript:alert(1))"')))
    expect(parsed.ok && parsed.value.kind === 'Lesson' && parsed.value.steps[0]!.text).toBe('<script>alert(1)</script> [x](javascript:alert(1))')
  })
})
