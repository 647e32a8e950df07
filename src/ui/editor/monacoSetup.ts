// Monaco 0.52.2 with only the editor core, its features and YAML. `import 'monaco-editor'` would register ~80
// languages and emit the TypeScript/JSON/CSS/HTML workers (megabytes the learner never uses); bench/web-size.mjs
// fails if any of those workers reappears in dist/.
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api'
import 'monaco-editor/esm/vs/editor/editor.all.js'
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker'
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml'
import kubernetesSchema from '../../schemas/kubernetes.json'
import YamlWorker from './yaml.worker?worker'

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'yaml') return new YamlWorker()
    if (label === 'editorWorkerService') return new EditorWorker()
    throw new Error(`No worker for Monaco label "${label}": only YAML is bundled`)
  },
}

configureMonacoYaml(monaco, {
  // Everything is bundled: never let a `$schema` or `# yaml-language-server` comment make the worker fetch.
  enableSchemaRequest: false,
  // Kubernetes mode: compares oneOf alternatives by kind/apiVersion and validates each `---` document on its own.
  isKubernetes: true,
  hover: true,
  // Hovers show the field's description only, not a "Source: [kubernetes.json](inmemory://…)" link (issue 12).
  hoverSchemaSource: false,
  completion: true,
  validate: true,
  schemas: [
    {
      fileMatch: ['**/*.yaml'],
      // Must look like a file name, or monaco-yaml treats the schema as remote and tries to resolve it (G7).
      uri: 'inmemory://schemas/kubernetes.json',
      schema: kubernetesSchema as JSONSchema,
    },
  ],
})

export const MODEL_URI = monaco.Uri.parse('file:///manifest.yaml')
export const APISERVER_MARKER_OWNER = 'kube-apiserver'
export { monaco }
