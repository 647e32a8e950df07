import { useActions } from '../../state/hooks'

/** A manifest goes into the editor; a scenario file (cluster + requests) replaces the cluster. */
export function OpenFileButton() {
  const { openFile } = useActions()
  return (
    <label className="button file-button">
      <input
        type="file"
        accept=".yaml,.yml,.json,text/yaml,application/json"
        aria-label="Open file"
        className="visually-hidden"
        onChange={(event) => {
          const input = event.currentTarget
          const file = input.files?.[0]
          if (!file) return
          void file.text().then((text) => openFile(text, file.name))
          // Opening the same file twice should work.
          input.value = ''
        }}
      />
      <span aria-hidden="true">
        Open<span className="button__more"> file</span>…
      </span>
    </label>
  )
}
