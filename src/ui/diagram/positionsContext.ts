import { createContext } from 'react'
import { layoutGrid } from './pipelineGraph'
import type { Positions } from './pipelineGraph'

/** Where the diagram put each node this render, for what rides on top of them (the request token). */
export const PositionsContext = createContext<Positions>(layoutGrid(5).positions)
