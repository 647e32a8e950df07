import { describe, expect, it } from 'vitest'
import { lessonProgress } from './progress'
import type { Lesson } from './types'

const step = { title: 's', text: '', goal: { code: 201 }, solution: {} }
const lesson: Lesson = { kind: 'Lesson', id: 'p', title: 'P', steps: [step, step, step] }

describe('lessonProgress', () => {
  it.each([
    [[], { current: 0, states: ['current', 'todo', 'todo'], doneCount: 0, complete: false }],
    [[0], { current: 1, states: ['done', 'current', 'todo'], doneCount: 1, complete: false }],
    [[0, 2], { current: 1, states: ['done', 'current', 'done'], doneCount: 2, complete: false }],
    [[2, 1, 0, 7, -1], { current: 2, states: ['done', 'done', 'done'], doneCount: 3, complete: true }],
  ])('done %j', (done, progress) => {
    expect(lessonProgress(lesson, done)).toEqual(progress)
  })
})
