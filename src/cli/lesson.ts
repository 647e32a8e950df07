// kube-api-lab lesson check: every step of a lesson walked headlessly (see engine/lesson/check.ts), for
// authors and for CI. A file that does not parse is reported like a lesson that fails, so --all shows all.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { checkLessonSteps, lessonsOf, parseLessonFile, type LessonCheck } from '../engine/lesson'

export const LESSON_USAGE = `usage: kube-api-lab lesson check <lesson.yaml>... | --all [--output text|json]

Walks every step of each lesson (or lesson pack) against a fresh simulated kube-apiserver v1.35: the goal must
not hold when the step starts, each hint's wrong attempt must not meet it, and the solution must.
  --all           every bundled lesson (src/lessons/*.yaml)
  --output json   {"lessons": [{"id": ..., "steps": ..., "ok": ..., "problems": [...]}]}`

export const BUNDLED_LESSONS = join(import.meta.dirname, '..', 'lessons')

export function bundledLessonFiles(): string[] {
  return readdirSync(BUNDLED_LESSONS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(BUNDLED_LESSONS, f))
}

export function checkLessonFile(file: string): LessonCheck[] {
  const broken = (problem: string): LessonCheck[] => [{ id: basename(file, '.yaml'), steps: 0, ok: false, problems: [problem] }]
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    return broken(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  const parsed = parseLessonFile(text)
  if (!parsed.ok) return broken(`${file}: ${parsed.error}`)
  return lessonsOf(parsed.value).map(checkLessonSteps)
}

/** Runs `lesson <args>`; returns the exit code. */
export function lessonCommand(args: string[], fail: (message: string) => never): number {
  const [sub, ...rest] = args
  if (sub === '--help' || sub === '-h') {
    console.log(LESSON_USAGE)
    return 0
  }
  if (sub !== 'check') fail(`unknown lesson command "${sub ?? ''}"\n${LESSON_USAGE}`)
  let output = 'text'
  let all = false
  const files: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '--output' || arg === '-o') output = rest[++i] ?? ''
    else if (arg.startsWith('--output=')) output = arg.slice('--output='.length)
    else if (arg === '--all') all = true
    else if (arg.startsWith('-')) fail(`unknown flag "${arg}"`)
    else files.push(arg)
  }
  if (output !== 'text' && output !== 'json') fail(`--output must be text or json, not "${output}"`)
  if (all) files.push(...bundledLessonFiles())
  if (files.length === 0) fail('lesson check needs a lesson file or --all')
  const lessons = files.flatMap(checkLessonFile)
  if (output === 'json') console.log(JSON.stringify({ lessons }))
  else
    for (const lesson of lessons) {
      console.log(`${lesson.ok ? 'ok  ' : 'FAIL'} ${lesson.id} (${lesson.steps} steps)`)
      for (const problem of lesson.problems) console.log(`     ${problem}`)
    }
  return lessons.every((lesson) => lesson.ok) ? 0 : 1
}
