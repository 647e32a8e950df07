import { useState } from 'react'
import { AccessGraphView } from './AccessGraphView'
import { MatrixView } from './MatrixView'
import { Drawer } from '../Drawer'
import { WhoCanView } from './WhoCanView'
import './access.css'

type Tab = 'graph' | 'who-can' | 'matrix'
const TABS: { id: Tab; label: string }[] = [
  { id: 'graph', label: 'Bindings graph' },
  { id: 'who-can', label: 'Who can…' },
  { id: 'matrix', label: 'Subject matrix' },
]

/**
 * RBAC in the running cluster, as a modal drawer: every answer comes from the worker, which asks the
 * simulated kube-apiserver (SubjectAccessReview as admin) or reads the RBAC objects from etcd.
 */
export function AccessPanel({ onClose }: { onClose(): void }) {
  const [tab, setTab] = useState<Tab>('graph')
  // A subject picked in the graph opens in the matrix.
  const [matrixSubject, setMatrixSubject] = useState<string | null>(null)

  return (
    <Drawer
      name="access"
      eyebrow="RBAC in this cluster"
      title="Access"
      onClose={onClose}
      headerExtra={
        <div className="access-tabs" role="tablist" aria-label="Access views">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`access-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="access-tabpanel"
              className="access-tab"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      }
    >
      <div
        className="access-panel__body"
        role="tabpanel"
        id="access-tabpanel"
        aria-labelledby={`access-tab-${tab}`}
      >
        {tab === 'graph' && (
          <AccessGraphView
            onOpenMatrix={(subjectKey) => {
              setMatrixSubject(subjectKey)
              setTab('matrix')
            }}
          />
        )}
        {tab === 'who-can' && <WhoCanView />}
        {tab === 'matrix' && <MatrixView initialSubject={matrixSubject} />}
      </div>
    </Drawer>
  )
}
