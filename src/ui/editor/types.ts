// Types only, so the app shell can `import type` them without pulling Monaco into the first-load chunk.

import type { EditorMarker } from '../../worker/markers'

export type { EditorMarker }

export interface ManifestEditorProps {
  value: string
  onChange(value: string): void
  /** Shown with owner `kube-apiserver`, next to (not replacing) monaco-yaml's own schema markers. */
  markers: EditorMarker[]
  theme: 'light' | 'dark'
  /** Called with how many schema problems (monaco-yaml's errors and warnings) the manifest has now. */
  onSchemaProblems?(count: number): void
}
