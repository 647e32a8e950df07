import { PipelineDiagram } from './diagram/PipelineDiagram'
import { EditorPane } from './EditorPane'
import { AppHeader } from './header/AppHeader'
import { StageInspector } from './panels/StageInspector'
import { ResponsePanel } from './panels/ResponsePanel'
import { PlaybackBar } from './playback/PlaybackBar'
import { RequestBar } from './request/RequestBar'
import { StatusBanner } from './StatusBanner'

/**
 * Editor on the left, the request's journey on the right, with what each stage did and the response
 * below it. Under 1100 px wide the panes stack (layout.css), so an 800×600 iframe scrolls one column.
 */
export function AppShell() {
  return (
    <div className="app">
      <AppHeader />
      <RequestBar />
      <StatusBanner />
      <main className="workspace">
        <EditorPane />
        <section className="pane journey" aria-label="Pipeline">
          <PipelineDiagram />
          <PlaybackBar />
        </section>
        <div className="details">
          <StageInspector />
          <ResponsePanel />
        </div>
      </main>
    </div>
  )
}
