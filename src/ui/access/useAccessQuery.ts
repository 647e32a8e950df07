import { useEffect, useState } from 'react'
import { useApp } from '../../state/hooks'

export interface QueryState<T> {
  data: T | null
  /** The key `data` answers (it stays on screen while a newer key is asked). */
  answered: string | null
  error: string | null
  loading: boolean
}

/**
 * Asks the worker `ask()` whenever `key` changes or the cluster does (a new snapshot), and keeps the last
 * answer on screen while the next one is on its way. `key: null` asks nothing.
 */
export function useAccessQuery<T>(key: string | null, ask: () => Promise<T>): QueryState<T> {
  const snapshot = useApp((s) => s.snapshot)
  const [state, setState] = useState<QueryState<T>>({
    data: null,
    answered: null,
    error: null,
    loading: false,
  })
  useEffect(() => {
    if (key === null) return
    let live = true
    setState((s) => ({ ...s, loading: true }))
    ask().then(
      (data) => live && setState({ data, answered: key, error: null, loading: false }),
      (error: unknown) =>
        live &&
        setState({
          data: null,
          answered: key,
          error: error instanceof Error ? error.message : String(error),
          loading: false,
        }),
    )
    return () => {
      live = false
    }
    // `ask` is a fresh closure each render; `key` says what it asks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, snapshot])
  return state
}
