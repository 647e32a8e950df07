import { Background, Controls, ReactFlow } from '@xyflow/react'
import type { Edge, NodeMouseHandler, NodeTypes } from '@xyflow/react'
import { useCallback, useMemo, useState } from 'react'
import { useActions, useApp } from '../../state/hooks'
import type { AccessFilter } from '../../worker/access'
import { AccessFilters } from './AccessFilters'
import { AccessNodeView } from './AccessNodeView'
import type { AccessFlowNode } from './AccessNodeView'
import { useAccessQuery } from './useAccessQuery'

const nodeTypes: NodeTypes = { access: AccessNodeView }
const COLUMNS = ['Subjects', 'Bindings', 'Roles', 'Rules']

/** Subjects → bindings → roles → rules, as the worker lays them out; click a subject to follow it alone. */
export function AccessGraphView({ onOpenMatrix }: { onOpenMatrix(subjectId: string): void }) {
  const { accessGraph } = useActions()
  const theme = useApp((s) => s.theme)
  const [filter, setFilter] = useState<AccessFilter>({
    namespace: '',
    subjectKind: '',
    hideSystem: true,
    focus: null,
  })
  const { data, answered, error, loading } = useAccessQuery(JSON.stringify(filter), () => accessGraph(filter))

  const nodes: AccessFlowNode[] = useMemo(
    () =>
      (data?.nodes ?? []).map((node) => ({
        id: node.id,
        type: 'access',
        position: { x: node.x, y: node.y },
        data: { node, focused: node.id === filter.focus },
      })),
    [data, filter.focus],
  )
  const edges: Edge[] = useMemo(
    () => (data?.edges ?? []).map((e) => ({ id: e.id, source: e.source, target: e.target })),
    [data],
  )
  const onNodeClick: NodeMouseHandler = useCallback((_event, node) => {
    if (!node.id.startsWith('subject:')) return
    setFilter((f) => ({ ...f, focus: f.focus === node.id ? null : node.id }))
  }, [])
  const focused = data?.nodes.find((n) => n.id === filter.focus)

  return (
    <div className="access-graph">
      <div className="access-graph__bar">
        <AccessFilters filter={filter} onChange={(patch) => setFilter((f) => ({ ...f, ...patch }))} />
        <p className="access-graph__count" data-testid="access-graph-count" aria-live="polite">
          {data
            ? `${data.bindings.shown} of ${data.bindings.total} bindings${data.truncated ? ' (cut to stay readable)' : ''}`
            : loading
              ? 'Reading RBAC objects…'
              : ''}
        </p>
      </div>
      {focused && (
        <p className="access-graph__focus" data-testid="access-focus">
          Showing only the paths of {focused.type} <b>{focused.label}</b>.
          <button type="button" className="button button--small" onClick={() => onOpenMatrix(focused.id)}>
            What can it do?
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => setFilter((f) => ({ ...f, focus: null }))}
          >
            Show all
          </button>
        </p>
      )}
      {error && (
        <p className="access-error" role="alert">
          {error}
        </p>
      )}
      <div className="access-graph__columns" aria-hidden="true">
        {COLUMNS.map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
      <div className="access-graph__flow" data-testid="access-graph">
        {data && data.nodes.length === 0 ? (
          <p className="muted access-graph__empty">No bindings match these filters.</p>
        ) : (
          <ReactFlow
            key={answered ?? ''}
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            colorMode={theme}
            fitView
            fitViewOptions={{ padding: 0.08, maxZoom: 1, minZoom: 0.4 }}
            minZoom={0.1}
            maxZoom={1.6}
            nodesDraggable={false}
            nodesConnectable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            onNodeClick={onNodeClick}
          >
            <Background gap={24} size={1} />
            <Controls showInteractive={false} position="bottom-right" />
          </ReactFlow>
        )}
      </div>
    </div>
  )
}
