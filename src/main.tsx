import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './ui/styles/theme.css'
import './ui/styles/layout.css'
import './ui/styles/diagram.css'
import './ui/styles/panels.css'
import { App } from './App'
import { UpdatePrompt } from './pwa/UpdatePrompt'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
    <UpdatePrompt />
  </StrictMode>,
)
