import { useApp } from '../../state/hooks'
import { AccessButton } from '../access/AccessButton'
import { AdmissionButton } from '../admission/AdmissionButton'
import { StorageButton } from '../storage/StorageButton'
import { ConfirmLoadDialog } from './ConfirmLoadDialog'
import { ExamplesMenu } from './ExamplesMenu'
import { OpenFileButton } from './OpenFileButton'
import { ResetButton } from './ResetButton'
import { ThemeToggle } from './ThemeToggle'

export function AppHeader() {
  const title = useApp((s) => s.scenario?.title)
  const file = useApp((s) => s.openedFile)
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
          <path d="M16 2 28.1 8v16L16 30 3.9 24V8Z" fill="currentColor" />
          <path
            d="M9 16h11m0 0-4-4m4 4-4 4"
            stroke="var(--brand-ink)"
            strokeWidth="2.6"
            fill="none"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <h1 className="brand__name">Kube API Lab</h1>
        <span className="brand__version" title="Emulated kube-apiserver version">
          kube-apiserver v1.35
        </span>
      </div>
      {title && (
        <p className="app-header__scenario" title={title}>
          <span className="muted">Scenario</span> {title}
          {file && (
            <span className="app-header__file" data-testid="opened-file">
              {' '}
              · {file}
            </span>
          )}
        </p>
      )}
      <ConfirmLoadDialog />
      <nav className="app-header__actions" aria-label="Scenario and display">
        <ExamplesMenu />
        <OpenFileButton />
        <AdmissionButton />
        <AccessButton />
        <StorageButton />
        <ResetButton />
        <ThemeToggle />
      </nav>
    </header>
  )
}
