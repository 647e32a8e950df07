import { useActions, useApp } from '../../state/hooks'

export function ThemeToggle() {
  const theme = useApp((s) => s.theme)
  const { toggleTheme } = useActions()
  const next = theme === 'dark' ? 'light' : 'dark'
  return (
    <button
      type="button"
      className="icon-button"
      onClick={toggleTheme}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  )
}
