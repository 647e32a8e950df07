// Types only, so the app shell can `import type` them without pulling Monaco into the first-load chunk.

/** A diagnostic from the simulated kube-apiserver. Lines and columns are 1-based, end exclusive (Monaco's convention). */
export interface EditorMarker {
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
  message: string
  severity: 'error' | 'warning'
}

export interface ManifestEditorProps {
  value: string
  onChange(value: string): void
  /** Shown with owner `kube-apiserver`, next to (not replacing) monaco-yaml's own schema markers. */
  markers: EditorMarker[]
  theme: 'light' | 'dark'
}
