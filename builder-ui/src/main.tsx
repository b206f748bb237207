import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppShell } from './app-shell.js'
import './styles/app.css'
import './styles/print.css'

const root = document.getElementById('root')
if (!root) throw new Error('#root missing from index.html')
createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
)
