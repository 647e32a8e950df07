import { useEffect, useRef } from 'react'
import { focusNext } from './focusNext'
import { APISERVER_MARKER_OWNER, MODEL_URI, monaco } from './monacoSetup'
import type { EditorMarker, ManifestEditorProps } from './types'

export type { EditorMarker, ManifestEditorProps } from './types'

const monacoTheme = (theme: ManifestEditorProps['theme']) => (theme === 'dark' ? 'vs-dark' : 'vs')

function toMarkerData(m: EditorMarker): monaco.editor.IMarkerData {
  return {
    startLineNumber: m.startLine,
    startColumn: m.startColumn,
    endLineNumber: m.endLine,
    endColumn: m.endColumn,
    message: m.message,
    severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    source: 'kube-apiserver',
  }
}

// e2e tests drive the editor through this hook (typing YAML with real keystrokes gets auto-indented, G9).
type TestWindow = Window & { __editor?: monaco.editor.IStandaloneCodeEditor }

/** monaco-yaml's own diagnostics on the manifest: every marker but the engine's, hints and infos left out. */
function countSchemaProblems(): number {
  return monaco.editor
    .getModelMarkers({ resource: MODEL_URI })
    .filter((m) => m.owner !== APISERVER_MARKER_OWNER && m.severity >= monaco.MarkerSeverity.Warning).length
}

/** The YAML manifest editor. Default export because the app loads it with `React.lazy`. */
export default function ManifestEditor({
  value,
  onChange,
  markers,
  theme,
  onSchemaProblems,
}: ManifestEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  // Read through refs so the editor is created once, not on every parent render.
  const onChangeRef = useRef(onChange)
  const initial = useRef({ value, theme })
  // Set while we write `value` into the model, so an outside change is not echoed back through onChange.
  const applyingExternal = useRef(false)

  useEffect(() => {
    onChangeRef.current = onChange
  }, [onChange])

  useEffect(() => {
    if (!onSchemaProblems) return
    onSchemaProblems(countSchemaProblems())
    const subscription = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((uri) => uri.toString() === MODEL_URI.toString())) onSchemaProblems(countSchemaProblems())
    })
    return () => {
      subscription.dispose()
      onSchemaProblems(0)
    }
  }, [onSchemaProblems])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    // StrictMode mounts twice; the first cleanup disposes the model, but reuse it if one outlived its editor.
    const model =
      monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(initial.current.value, 'yaml', MODEL_URI)
    if (model.getValue() !== initial.current.value) model.setValue(initial.current.value)
    const editor = monaco.editor.create(container, {
      model,
      theme: monacoTheme(initial.current.theme),
      automaticLayout: true,
      minimap: { enabled: false },
      // Readable on a classroom projector.
      fontSize: 14,
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      // Kubernetes YAML is indentation-sensitive; guides make nesting visible.
      guides: { indentation: true },
      quickSuggestions: { other: true, comments: false, strings: true },
      // The editor pane is narrow; let hover and suggest widgets overflow it instead of being clipped at its edge.
      fixedOverflowWidgets: true,
      ariaLabel: 'Manifest editor. Tab indents; Control+M makes Tab move focus; Escape leaves the editor.',
    })
    editorRef.current = editor
    // Tab indents here, so Esc is the way out for a keyboard; Monaco keeps Esc while one of its widgets is up.
    editor.addCommand(
      monaco.KeyCode.Escape,
      () => focusNext(container),
      '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !markersNavigationVisible && !inSnippetMode',
    )
    const subscription = model.onDidChangeContent(() => {
      if (!applyingExternal.current) onChangeRef.current(model.getValue())
    })
    const testWindow = window as TestWindow
    testWindow.__editor = editor
    return () => {
      subscription.dispose()
      if (testWindow.__editor === editor) delete testWindow.__editor
      editorRef.current = null
      editor.dispose()
      model.dispose()
    }
  }, [])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model || model.getValue() === value) return
    applyingExternal.current = true
    try {
      // An edit operation rather than setValue keeps undo history: the learner can Ctrl+Z a loaded scenario.
      model.pushStackElement()
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null)
      model.pushStackElement()
    } finally {
      applyingExternal.current = false
    }
  }, [value])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (model) monaco.editor.setModelMarkers(model, APISERVER_MARKER_OWNER, markers.map(toMarkerData))
  }, [markers])

  useEffect(() => {
    // Monaco themes are global to the page; there is only one editor.
    monaco.editor.setTheme(monacoTheme(theme))
  }, [theme])

  return <div data-testid="manifest-editor" ref={containerRef} style={{ height: '100%', width: '100%' }} />
}
