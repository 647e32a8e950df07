import { describe, expect, it } from 'vitest'
import {
  chooseColumns,
  layoutGrid,
  NODE_HEIGHT,
  NODE_WIDTH,
  pipelineEdges,
  WEBHOOK_HEIGHT,
} from './pipelineGraph'

describe('chooseColumns', () => {
  it.each([
    ['a desktop half pane', 830, 300, 5],
    ['a 1920 px half pane', 1270, 420, 5],
    ['a phone held upright', 372, 520, 2],
    ['a 600×400 iframe', 584, 210, 5],
    ['a tall narrow pane', 560, 900, 2],
  ])('%s (%i×%i) gets %i columns', (_, width, height, columns) => {
    expect(chooseColumns(width, height)).toBe(columns)
  })
})

describe('layoutGrid', () => {
  it('reads left to right in rows, two rows of five by default', () => {
    const { positions, width, height } = layoutGrid(5)
    expect(positions.client).toEqual({ x: 0, y: 0 })
    expect(positions.authorization).toEqual({ x: 4 * 216, y: 0 })
    expect(positions.decoding).toEqual({ x: 0, y: NODE_HEIGHT + 74 })
    expect(width).toBe(4 * 216 + NODE_WIDTH)
    expect(height).toBe(2 * NODE_HEIGHT + 74)
  })

  it('makes a row as tall as its tallest node, so an open plugin list never overlaps the next row', () => {
    const { positions } = layoutGrid(2, { heights: { 'mutating-admission': 260 } })
    // Five rows of two: mutating admission shares the fourth row with schema validation.
    expect(positions['mutating-admission'].y).toBe(positions.validation.y)
    expect(positions['validating-admission'].y - positions['mutating-admission'].y).toBe(260 + 74)
  })

  it('leaves room under a row for the webhook servers its stages call, and widens for them', () => {
    const plain = layoutGrid(2)
    const hooked = layoutGrid(2, {
      webhookStages: ['mutating-admission', 'mutating-admission', 'mutating-admission'],
    })
    const extra = hooked.positions['validating-admission'].y - plain.positions['validating-admission'].y
    expect(extra).toBe(44 + WEBHOOK_HEIGHT)
    expect(hooked.positions.validation.y).toBe(plain.positions.validation.y)
    expect(hooked.width).toBeGreaterThanOrEqual(3 * 240)
  })
})

describe('pipelineEdges', () => {
  it('wraps from the bottom of a row to the top of the next one', () => {
    const wraps = (columns: number) =>
      pipelineEdges(columns)
        .filter((e) => e.sourceHandle === 'bottom')
        .map((e) => e.id)
    expect(wraps(5)).toEqual(['authorization->decoding'])
    expect(wraps(2)).toEqual([
      'http->authentication',
      'impersonation->authorization',
      'decoding->mutating-admission',
      'validation->validating-admission',
    ])
  })
})
