import { useEffect } from 'react'
import { useActions, useApp } from './state/hooks'
import { AppShell } from './ui/AppShell'

export function App() {
  const { boot } = useActions()
  const theme = useApp((s) => s.theme)
  const example = useApp((s) => (s.scenarioSource && 'example' in s.scenarioSource ? s.scenarioSource.example : null))
  const request = useApp((s) => (s.scenario && s.scenario.requests.length > 0 ? s.story.index + 1 : null))

  useEffect(() => {
    void boot(window.location.search)
  }, [boot])

  // The theme lives on <html> so the page background and scrollbars follow it too.
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  // The address is always a link to where the learner is, so a reload or a shared link comes back here.
  useEffect(() => {
    if (!example) return
    const params = new URLSearchParams(window.location.search)
    params.set('scenario', example)
    if (request) params.set('request', String(request))
    else params.delete('request')
    const search = `?${params.toString()}`
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', search)
  }, [example, request])

  return <AppShell />
}
