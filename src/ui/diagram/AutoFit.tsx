import { useReactFlow, useStore } from '@xyflow/react'
import { useEffect, useRef } from 'react'
import { FIT_VIEW_OPTIONS } from './pipelineGraph'

/**
 * Keeps the whole pipeline in view when the pane is resized (a projector, an iframe, a phone turned
 * sideways) or the graph changes. `version` changes when a plugin list opens or closes, or when webhook
 * servers join or leave the diagram; those changes glide, a resize does not.
 */
export function AutoFit({ version }: { version: string }) {
  const { fitView } = useReactFlow()
  const width = useStore((s) => s.width)
  const height = useStore((s) => s.height)
  const fitted = useRef(version)

  useEffect(() => {
    if (!width || !height) return
    const glide = version !== fitted.current
    fitted.current = version
    // Wait a frame, so React Flow has measured a node that just changed size or appeared.
    const frame = requestAnimationFrame(
      () => void fitView({ ...FIT_VIEW_OPTIONS, duration: glide ? 250 : 0 }),
    )
    return () => cancelAnimationFrame(frame)
  }, [width, height, version, fitView])
  return null
}
