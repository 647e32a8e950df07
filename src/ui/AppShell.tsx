import { useCallback, useRef, useState } from 'react'
import { PipelineDiagram } from './diagram/PipelineDiagram'
import { EditorPane } from './EditorPane'
import { AppHeader } from './header/AppHeader'
import { CompactTabs } from './layout/CompactTabs'
import { OpenHelpContext, ShortcutsHelp } from './layout/ShortcutsHelp'
import './layout/shortcuts.css'
import type { CompactView } from './layout/CompactTabs'
import { useFollowResult } from './layout/useFollowResult'
import { useShortcuts } from './layout/useShortcuts'
import { StageInspector } from './panels/StageInspector'
import { ResponsePanel } from './panels/ResponsePanel'
import { PlaybackBar } from './playback/PlaybackBar'
import { RequestBar } from './request/RequestBar'
import { StatusBanner } from './StatusBanner'

/**
 * Editor on the left, the request's journey on the right, with what each stage did and the response
 * below it. Under 1100 px the panes stack into one scrolling column; under 700 px (a phone, a docs
 * iframe) the diagram and the manifest take turns behind tabs, the diagram first (layout.css).
 */
export function AppShell() {
  const [view, setView] = useState<CompactView>('journey')
  const journey = useRef<HTMLElement>(null)
  const showJourney = useCallback(() => setView('journey'), [])
  useFollowResult(journey, view, showJourney)
  const [help, setHelp] = useState(false)
  const openHelp = useCallback(() => setHelp(true), [])
  useShortcuts(openHelp)

  return (
    <OpenHelpContext.Provider value={openHelp}>
      <div className="app" data-view={view}>
        <AppHeader />
        <CompactTabs view={view} onChange={setView} />
        <RequestBar />
        <StatusBanner />
        <main className="workspace" id="workspace">
          <EditorPane />
          <section ref={journey} className="pane journey" aria-label="Pipeline">
            <PipelineDiagram />
            <PlaybackBar />
          </section>
          <div className="details">
            <StageInspector />
            <ResponsePanel />
          </div>
        </main>
        {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
      </div>
    </OpenHelpContext.Provider>
  )
}
