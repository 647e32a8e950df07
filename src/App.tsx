import { useEffect } from 'react'
import { useActions, useApp } from './state/hooks'
import { AppShell } from './ui/AppShell'

export function App() {
  const { boot } = useActions()
  const theme = useApp((s) => s.theme)

  useEffect(() => {
    void boot(window.location.search)
  }, [boot])

  // The theme lives on <html> so the page background and scrollbars follow it too.
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  return <AppShell />
}
