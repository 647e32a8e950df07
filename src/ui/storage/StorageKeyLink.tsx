import { useActions, useApp } from '../../state/hooks'
import { lastWrittenKey } from '../../state/storageSlice'

/** From the Storage stage to the key the request wrote, in the storage explorer. */
export function StorageKeyLink() {
  const key = useApp(lastWrittenKey)
  const { openStorage } = useActions()
  if (!key) return null
  return (
    <p className="storage-link">
      <button
        type="button"
        className="button"
        onClick={() => void openStorage(key)}
        data-testid="open-storage-key"
      >
        Open <code>{key}</code> in the etcd explorer
      </button>
    </p>
  )
}
