import { useActions, useApp, useAppShallow } from '../../state/hooks'
import { namesTarget } from '../../state/requestSettings'
import { VERBS } from '../../state/types'
import type { Verb } from '../../state/types'
import { CanIFields } from './CanIFields'
import { CommandPreview } from './CommandPreview'
import { PersonaInfo } from './PersonaInfo'
import { StoryBar } from './StoryBar'
import { EditorRoleNote, ListFields, TargetFields, TextField, VerbOptions } from './TargetFields'
import './request.css'

/** How the manifest is sent: verb, identity, impersonation, namespace, dry run. */
export function RequestBar() {
  const settings = useApp((s) => s.settings)
  const identities = useAppShallow((s) => s.snapshot?.identities ?? [])
  const known = useAppShallow((s) => s.snapshot?.namespaces ?? [])
  const busy = useApp((s) => s.busy)
  const ready = useApp((s) => s.snapshot !== null)
  const { changeSettings, send } = useActions()
  // kubectl auth can-i and whoami send a review of their own, never the editor's manifest.
  const authVerb = settings.verb === 'can-i' || settings.verb === 'whoami'
  // A saved or scenario identity that this cluster does not know is still offered, so nothing is lost.
  const ids = identities.some((i) => i.id === settings.as)
    ? identities
    : [...identities, { id: settings.as, credential: 'unknown here', user: null }]
  // A namespace the request names but the cluster lacks is still offered: sending there is the lesson.
  const namespaces =
    settings.namespace && !known.includes(settings.namespace) ? [...known, settings.namespace] : known
  const byName = namesTarget(settings) || settings.verb === 'get' || settings.verb === 'delete'
  const lists =
    settings.verb === 'list' ||
    settings.verb === 'watch' ||
    (settings.verb === 'get' && Boolean(settings.resource?.trim()) && !settings.name?.trim())

  return (
    <section className="request-bar" aria-label="Request">
      <StoryBar />
      <form
        className="request-bar__controls"
        onSubmit={(event) => {
          event.preventDefault()
          void send()
        }}
      >
        <label className="field">
          <span className="field__label">Verb</span>
          <select
            aria-label="Verb"
            value={settings.verb}
            onChange={(e) => changeSettings({ verb: e.target.value as Verb })}
          >
            {VERBS.map((verb) => (
              <option key={verb} value={verb}>
                {verb}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--wide">
          <span className="field__label">User</span>
          <select
            aria-label="User"
            value={settings.as}
            onChange={(e) => changeSettings({ as: e.target.value })}
          >
            {ids.map((identity) => (
              <option key={identity.id} value={identity.id} title={identity.credential}>
                {identity.id}
                {identity.user && identity.user.username !== identity.id
                  ? ` (${identity.user.username})`
                  : ''}
              </option>
            ))}
          </select>
        </label>
        <TextField label="Token" field="token" placeholder="--token (optional)" width={120} />
        {settings.verb === 'can-i' && <CanIFields />}
        {byName && <TargetFields />}
        {lists && <ListFields />}
        <label className="field">
          <span className="field__label">Namespace</span>
          <select
            aria-label="Namespace"
            value={settings.namespace}
            onChange={(e) => changeSettings({ namespace: e.target.value })}
          >
            <option value="">{authVerb || namesTarget(settings) ? 'default' : 'from manifest'}</option>
            {namespaces.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field field--group">
          <legend className="field__label">Impersonate (--as, --as-group)</legend>
          <input
            aria-label="Impersonate user"
            placeholder="user"
            value={settings.impersonateUser}
            onChange={(e) => changeSettings({ impersonateUser: e.target.value })}
            spellCheck={false}
          />
          <input
            aria-label="Impersonate groups"
            placeholder="groups, comma-separated"
            value={settings.impersonateGroups}
            onChange={(e) => changeSettings({ impersonateGroups: e.target.value })}
            spellCheck={false}
          />
        </fieldset>
        {!authVerb && (
          <label className="check">
            <input
              type="checkbox"
              aria-label="Dry run"
              checked={settings.dryRun}
              onChange={(e) => changeSettings({ dryRun: e.target.checked })}
            />
            <span>dry run</span>
          </label>
        )}
        {settings.verb === 'apply' && (
          <label className="check">
            <input
              type="checkbox"
              aria-label="Server-side apply"
              checked={settings.serverSide ?? false}
              onChange={(e) => changeSettings({ serverSide: e.target.checked })}
            />
            <span>server-side</span>
          </label>
        )}
        {settings.verb === 'apply' && settings.serverSide && (
          <>
            <label className="field field-manager">
              <span className="field__label">Field manager</span>
              <input
                aria-label="Field manager"
                placeholder="kubectl"
                value={settings.fieldManager ?? ''}
                onChange={(e) => changeSettings({ fieldManager: e.target.value })}
                spellCheck={false}
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                aria-label="Force conflicts"
                checked={settings.forceConflicts ?? false}
                onChange={(e) => changeSettings({ forceConflicts: e.target.checked })}
              />
              <span>force conflicts</span>
            </label>
          </>
        )}
        <VerbOptions />
        <button
          type="submit"
          className="button button--primary send-button"
          disabled={busy || !ready}
          aria-label="Send"
        >
          {busy ? 'Sending…' : 'Send'}
          <span aria-hidden="true" className="send-button__arrow">
            →
          </span>
        </button>
      </form>
      <EditorRoleNote />
      <PersonaInfo />
      <CommandPreview />
    </section>
  )
}
