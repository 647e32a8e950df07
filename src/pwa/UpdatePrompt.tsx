/// <reference types="vite-plugin-pwa/react" />
// Registers the service worker that keeps the app working offline, and asks before a new version takes over:
// swapping code under a running lesson or a half-edited manifest would lose the learner's place.
import { useRegisterSW } from 'virtual:pwa-register/react'
import './updatePrompt.css'

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError: (error: unknown) => console.warn('service worker registration failed', error),
  })
  if (!needRefresh) return null
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>A new version of Kube API Lab is ready.</span>
      <button type="button" className="button button--primary" onClick={() => void updateServiceWorker(true)}>
        Reload to update
      </button>
      <button type="button" className="button button--quiet" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  )
}
