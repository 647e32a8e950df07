// A scenario played as a story: the learner stands at one of its requests, and the cluster is what the
// requests before it made of the scenario's start. Everything here is pure and serialisable, so a reload,
// a lesson or a share link can save a place in a story and rebuild the same cluster by replaying it.
import type { ScenarioRequest } from '../engine'
import type { ScenarioInfo } from '../worker/protocol'
import { settingsFrom } from './requestSettings'
import type { RequestSettings, WorkspaceSlice } from './types'

export interface StoryDraft {
  text: string
  settings: RequestSettings
}

export interface Story {
  /** 0-based: the request the learner is at. */
  index: number
  /**
   * What ran at each position so far, in order: the learner's sends there, or the scenario's own request
   * when the learner moved on without sending. `ran[index]` holds the sends at the current position.
   */
  ran: ScenarioRequest[][]
  /** Unsent edits left at other positions, restored on coming back. */
  drafts: Record<number, StoryDraft>
}

export const STORY_START: Story = { index: 0, ran: [], drafts: {} }

/** A place in a story with everything needed to come back to it. */
export interface SavedStory {
  source: WorkspaceSlice['scenarioSource']
  story: Story
  text: string
  settings: RequestSettings
}

/** The requests that rebuild the cluster of this place: everything run before it and at it. */
export function replayPlan(story: Story): ScenarioRequest[] {
  return story.ran.slice(0, story.index + 1).flat()
}

/** The scenario's own request, as the CLI runs it (the expectation is for checkers, not for the engine). */
export function scenarioRequest(scenario: ScenarioInfo, index: number): ScenarioRequest | undefined {
  const draft = scenario.requests[index]
  if (!draft) return undefined
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { manifestText, expect, ...request } = draft
  return request
}

/** What the editor and the request bar hold on arriving at a request: its own, or the edits left there. */
export function arrival(scenario: ScenarioInfo | null, story: Story, index: number): StoryDraft | null {
  const kept = story.drafts[index]
  if (kept) return kept
  const draft = scenario?.requests[index]
  return draft ? { text: draft.manifestText, settings: settingsFrom(draft) } : null
}

function sameDraft(a: StoryDraft, b: StoryDraft | null): boolean {
  return b !== null && a.text === b.text && JSON.stringify(a.settings) === JSON.stringify(b.settings)
}

/**
 * Whether the editor holds text nobody sent that is not the request's own (what choosing another example
 * would lose). The request bar alone does not count: its settings are one click to make again.
 */
export function hasUnsentEdits(text: string, own: StoryDraft | null, sent: StoryDraft | null): boolean {
  if (sent && sent.text === text) return false
  return own ? own.text !== text : text.trim() !== ''
}

/**
 * The story after moving from its current position to `target`: the current edits are kept as a draft
 * (unless they are the request's own), positions passed over without a send run the scenario's own request,
 * and going back forgets what ran from the target on, so the target's request can be sent again.
 */
export function moveTo(scenario: ScenarioInfo, story: Story, current: StoryDraft, target: number): Story {
  const drafts = { ...story.drafts }
  const own = arrival(scenario, STORY_START, story.index)
  if (sameDraft(current, own)) delete drafts[story.index]
  else drafts[story.index] = current
  const ran: ScenarioRequest[][] = []
  for (let k = 0; k < target; k++) {
    const here = story.ran[k] ?? []
    const fallback = scenarioRequest(scenario, k)
    ran.push(here.length > 0 || !fallback ? here : [fallback])
  }
  return { index: target, ran, drafts }
}

/** The story after a send at its current position. */
export function recordSend(story: Story, request: ScenarioRequest): Story {
  const ran = story.ran.slice(0, story.index + 1)
  while (ran.length <= story.index) ran.push([])
  ran[story.index] = [...ran[story.index]!, request]
  return { ...story, ran }
}

function isRequestList(value: unknown): value is ScenarioRequest[] {
  return Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null && 'verb' in r)
}

/** A story read back from storage or a link; anything malformed gives the start of the story. */
export function readStory(value: unknown, requestCount: number): Story {
  if (typeof value !== 'object' || value === null) return STORY_START
  const s = value as Partial<Story>
  const index = s.index
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return STORY_START
  if (index >= Math.max(requestCount, 1)) return STORY_START
  if (!Array.isArray(s.ran) || !s.ran.every(isRequestList)) return STORY_START
  const drafts = typeof s.drafts === 'object' && s.drafts !== null ? s.drafts : {}
  return { index, ran: s.ran.slice(0, index + 1), drafts }
}
