import { Handle, Position } from '@xyflow/react'
import { memo } from 'react'
import { useApp } from '../../state/hooks'
import { selectCurrentCall, selectFocusedStage, selectResponseArrived } from '../../state/selectors'
import { reasonPhrase } from '../format'
import { HANDLE_Y } from './pipelineGraph'

/** kubectl: where the request starts and where the answer comes back to. */
export const ClientNode = memo(function ClientNode() {
  const verb = useApp((s) => s.settings.verb)
  const method = useApp((s) => selectCurrentCall(s)?.request.method)
  const code = useApp((s) =>
    selectResponseArrived(s) ? (selectCurrentCall(s)?.response.code ?? null) : null,
  )
  const focused = useApp((s) => selectFocusedStage(s) === 'client')
  const state = code === null ? 'idle' : code < 400 ? 'passed' : 'rejected'

  return (
    <div
      className="stage-node stage-node--client"
      data-stage="client"
      data-state={state}
      data-focused={focused || undefined}
    >
      <div className="stage-node__head">
        <span className="stage-node__index stage-node__index--client" aria-hidden="true">
          $
        </span>
        <span className="stage-node__title">kubectl {verb}</span>
      </div>
      <div className="stage-node__foot">
        {code !== null ? (
          <span className={`state-badge state-badge--${state}`}>
            {code} {reasonPhrase(code)}
          </span>
        ) : (
          <span className="state-badge state-badge--idle">{method ? `${method} sent…` : 'ready'}</span>
        )}
      </div>
      <Handle type="source" position={Position.Right} id="right" isConnectable={false} style={HANDLE_Y} />
    </div>
  )
})
