// The app's one store, over the engine worker. Tests never import this file: they call createAppStore.
import { EXAMPLES } from '../scenarios'
import { createWorkerEngineClient } from '../worker/engineClient'
import { createAppStore } from './store'

export const appStore = createAppStore({
  engine: createWorkerEngineClient(),
  examples: EXAMPLES,
  storage: typeof localStorage === 'undefined' ? undefined : localStorage,
  preferredTheme: matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
})
