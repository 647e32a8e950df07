// The lesson format: a cluster and a sequence of steps, each with a goal the engine checks against how the
// API server handled the learner's request. docs/lesson-format.md documents it; lesson.schema.json is its
// JSON Schema. A lesson is data only: nothing in it runs as code, and its texts are shown as inert Markdown.
import type { Expectation, ScenarioCluster, ScenarioRequest } from '../scenario/types'

/** The request bar's settings: a scenario request whose manifest is the editor's text. */
export type LessonRequest = Omit<ScenarioRequest, 'manifest' | 'object' | 'expect'>

/** What the learner sends: the editor's text and the request bar. Either omitted keeps what is there. */
export interface LessonAttempt {
  editor?: string
  request?: LessonRequest
}

export interface LessonHint {
  text: string
  /** A wrong attempt this hint answers; it must not meet the goal (lesson check sends it). */
  attempt?: LessonAttempt
}

/** A question asked before Send; the answer is one of the choices. */
export interface LessonPredict {
  question: string
  choices: string[]
  answer: string
  explain?: string
}

export interface LessonStep {
  title: string
  /** Markdown, rendered as text: no raw HTML. */
  text: string
  /** The editor's text when the step starts; omitted: what the previous step ended with. */
  editor?: string
  /** The request bar when the step starts; omitted: what the previous step ended with. A request is whole, never merged. */
  request?: LessonRequest
  predict?: LessonPredict
  /** What the result must show: the scenario format's expect, CEL included. */
  goal: Expectation
  /** Shown one at a time; the parser turns plain strings into `{text}`. */
  hints?: LessonHint[]
  /** Sending this (over the step's start) meets the goal; the next step starts from the state it leaves. */
  solution: LessonAttempt
  /** Markdown shown once the goal is met. */
  explain?: string
}

export interface Lesson {
  kind: 'Lesson'
  /** `?lesson=<id>` opens it. */
  id: string
  title: string
  chapter?: number
  description?: string
  /** The scenario format's cluster; omitted: a fresh kubeadm-like cluster. */
  cluster?: ScenarioCluster
  steps: LessonStep[]
}

/** How an instructor brings their own lessons. */
export interface LessonPack {
  kind: 'LessonPack'
  title: string
  description?: string
  lessons: Lesson[]
}
