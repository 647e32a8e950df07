// A local entry file so Vite's `?worker` import bundles monaco-yaml's worker as its own module worker (stack-notes G7).
import 'monaco-yaml/yaml.worker.js'
