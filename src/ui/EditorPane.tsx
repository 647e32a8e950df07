import { Suspense, lazy, useState } from 'react'
import { useActions, useApp } from '../state/hooks'

// Monaco and its workers are megabytes: they load only when this pane mounts, never in the first chunk.
const ManifestEditor = lazy(() => import('./editor/ManifestEditor'))

/** Shown while Monaco loads: the same text, in the same place, so nothing jumps. */
function EditorPlaceholder({ text }: { text: string }) {
  return (
    <pre className="editor-placeholder" aria-busy="true" aria-label="Loading the editor">
      {text}
    </pre>
  )
}

// Monaco's own toggleTabFocusMode binding.
const TAB_FOCUS_KEYS =
  typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? (
    <>
      <kbd>⌃</kbd>+<kbd>⇧</kbd>+<kbd>M</kbd>
    </>
  ) : (
    <>
      <kbd>Ctrl</kbd>+<kbd>M</kbd>
    </>
  )

export function EditorPane() {
  const text = useApp((s) => s.text)
  const markers = useApp((s) => s.markers)
  const theme = useApp((s) => s.theme)
  const { editText } = useActions()
  // Monaco's schema diagnostics (monaco-yaml) live only in the editor; it reports their count up here.
  const [schemaProblems, setSchemaProblems] = useState(0)
  const errors = markers.filter((m) => m.severity === 'error').length + schemaProblems

  return (
    <section className="pane editor-pane" aria-label="Manifest">
      <header className="pane__header">
        <h2 className="pane__title">manifest.yaml</h2>
        {errors > 0 && (
          <span className="pill pill--error" data-testid="marker-count">
            {errors} {errors === 1 ? 'problem' : 'problems'}
          </span>
        )}
        <p
          className="editor-hint"
          title="Tab indents here. Ctrl+M switches Tab to moving focus (and back). Esc leaves the editor."
        >
          Tab indents · {TAB_FOCUS_KEYS}: Tab moves focus · <kbd>Esc</kbd> leaves
        </p>
      </header>
      <div className="editor-pane__body">
        <Suspense fallback={<EditorPlaceholder text={text} />}>
          <ManifestEditor
            value={text}
            onChange={editText}
            markers={markers}
            theme={theme}
            onSchemaProblems={setSchemaProblems}
          />
        </Suspense>
      </div>
    </section>
  )
}
