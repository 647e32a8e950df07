import { useApp } from '../../state/hooks'

/** Who the selected identity is: the credential kubectl presents and the user the API server makes of it. */
export function PersonaInfo() {
  const as = useApp((s) => s.settings.as)
  const identity = useApp((s) => s.snapshot?.identities.find((i) => i.id === s.settings.as))
  if (!identity) return null
  return (
    <p className="persona" data-testid="persona" aria-label={`Identity ${as}`}>
      <span className="persona__item">
        <span className="field__label">Credential</span> {identity.credential}
      </span>
      {identity.user ? (
        <>
          <span className="persona__item">
            <span className="field__label">Username</span> <code>{identity.user.username}</code>
          </span>
          <span className="persona__item">
            <span className="field__label">Groups</span>{' '}
            {identity.user.groups.length > 0 ? (
              identity.user.groups.map((g) => (
                <code key={g} className="persona__group">
                  {g}
                </code>
              ))
            ) : (
              <span className="muted">none</span>
            )}
          </span>
        </>
      ) : (
        <span className="persona__item persona__item--bad">authentication fails: 401 Unauthorized</span>
      )}
    </p>
  )
}
