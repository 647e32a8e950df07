import { useReactFlow, useStore } from '@xyflow/react'
import { useEffect } from 'react'
import { FIT_VIEW_OPTIONS } from './pipelineGraph'

/**
 * Keeps the whole pipeline in view when the pane is resized (a projector, an iframe, a phone turned
 * sideways) or a node grows. `version` changes when a plugin list opens or closes.
 */
export function AutoFit({ version }: { version: number }) {
  const { fitView } = useReactFlow()
  const width = useStore((s) => s.width)
  const height = useStore((s) => s.height)

  useEffect(() => {
    if (!width || !height) return
    // Wait a frame, so React Flow has measured a node that just changed size.
    const frame = requestAnimationFrame(
      () => void fitView({ ...FIT_VIEW_OPTIONS, duration: version ? 250 : 0 }),
    )
    return () => cancelAnimationFrame(frame)
  }, [width, height, version, fitView])
  return null
}
