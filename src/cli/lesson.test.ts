// Every bundled lesson is walked here as `lesson check --all` walks it, so CI keeps the lessons true; and
// the command itself runs as a user runs it.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundledLessonFiles, checkLessonFile } from './lesson'

const root = join(import.meta.dirname, '..', '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const cli = (...args: string[]) => spawnSync(tsx, [join(root, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: root })
const files = bundledLessonFiles()

describe('bundled lessons', () => {
  const checks = files.map((file) => ({ file, lessons: checkLessonFile(file) }))

  it('are at least twelve, with at least fifty steps, three to six each, with unique ids', () => {
    const lessons = checks.flatMap((c) => c.lessons)
    expect(lessons.length).toBeGreaterThanOrEqual(12)
    expect(lessons.reduce((n, l) => n + l.steps, 0)).toBeGreaterThanOrEqual(50)
    for (const l of lessons) expect(l.steps, l.id).toBeGreaterThanOrEqual(3)
    for (const l of lessons) expect(l.steps, l.id).toBeLessThanOrEqual(6)
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length)
  })

  it.each(checks.map((c) => [c.file.slice(root.length + 1), c.lessons] as const))('%s passes lesson check', (_, lessons) => {
    for (const lesson of lessons) expect(lesson.problems, lesson.id).toEqual([])
  })
})

describe('kube-api-lab lesson check', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kal-lesson-'))
  const lesson = (goal: string) =>
    `kind: Lesson\nid: tiny\ntitle: Tiny\nsteps:\n  - title: Ask\n    text: Who am I?\n    request: {verb: whoami, as: anonymous}\n    goal: ${goal}\n    solution: {request: {verb: whoami}}\n`
  writeFileSync(join(dir, 'good.yaml'), lesson("{code: 201, cel: \"request.user.username == 'kubernetes-admin'\"}"))
  writeFileSync(join(dir, 'bad.yaml'), lesson('{code: 403}'))
  writeFileSync(join(dir, 'broken.yaml'), 'kind: Lesson\nid: broken\n')

  it('prints exactly one JSON document with --output json', () => {
    const result = cli('lesson', 'check', join(dir, 'good.yaml'), '--output', 'json')
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('{"lessons":[{"id":"tiny","steps":1,"ok":true,"problems":[]}]}\n')
  })

  it('fails with the problems, and reports a file that does not parse like a failing lesson', () => {
    const result = cli('lesson', 'check', join(dir, 'bad.yaml'), join(dir, 'broken.yaml'))
    expect(result.status).toBe(1)
    expect(result.stdout).toBe(
      [
        'FAIL tiny (1 steps)',
        '     step 1 (Ask): the step as it starts already meets the goal',
        '     step 1 (Ask): the solution does not meet the goal: expected the API server to answer 403; it answered 201',
        'FAIL broken (0 steps)',
        `     ${join(dir, 'broken.yaml')}: (top level): missing required field "title"`,
        '',
      ].join('\n'),
    )
  })

  it.each([
    [['lesson'], /^error: unknown lesson command ""/],
    [['lesson', 'check'], /^error: lesson check needs a lesson file or --all$/],
    [['lesson', 'check', '--all', '-o', 'yaml'], /^error: --output must be text or json, not "yaml"$/],
  ])('refuses %j', (args, message) => {
    const result = cli(...args)
    expect(result.status).not.toBe(0)
    expect(result.stderr.trim().split('\n')[0]).toMatch(message)
  })
})
