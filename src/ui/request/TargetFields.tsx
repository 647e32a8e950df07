import { useActions, useApp } from '../../state/hooks'
import { editorRole } from '../../state/requestSettings'
import type { FieldValidation, PatchType, PropagationPolicy, RequestSettings } from '../../state/types'

const PATCH_TYPES: readonly PatchType[] = ['strategic', 'merge', 'json', 'apply']
const CASCADES: readonly PropagationPolicy[] = ['Background', 'Foreground', 'Orphan']
const VALIDATIONS: readonly FieldValidation[] = ['Strict', 'Warn', 'Ignore']

export function TextField({ label, field, placeholder, width }: {
  label: string
  field: keyof RequestSettings
  placeholder?: string
  width?: number
}) {
  const value = useApp((s) => s.settings[field])
  const { changeSettings } = useActions()
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        aria-label={label}
        placeholder={placeholder}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => changeSettings({ [field]: e.target.value })}
        spellCheck={false}
        style={width ? { width } : undefined}
      />
    </label>
  )
}

/** The object a request names instead of sending the manifest: `kubectl get pods nginx`. */
export function TargetFields() {
  const verb = useApp((s) => s.settings.verb)
  const optional = verb === 'get' || verb === 'delete'
  return (
    <fieldset className="field field--group target-fields">
      <legend className="field__label">{optional ? 'Resource (empty: the manifest’s objects)' : 'Resource'}</legend>
      <TextField label="Resource" field="resource" placeholder="pods" width={120} />
      {verb !== 'list' && verb !== 'watch' && (
        <TextField label="Name" field="name" placeholder={verb === 'get' ? 'name (empty: list)' : 'name'} width={120} />
      )}
      {(verb === 'get' || verb === 'patch') && (
        <TextField label="Subresource" field="subresource" placeholder="status" width={90} />
      )}
    </fieldset>
  )
}

/** A list's filters and paging; `previous` takes the last list's continue token or resourceVersion. */
export function ListFields() {
  return (
    <fieldset className="field field--group list-fields">
      <legend className="field__label">Selectors and paging</legend>
      <TextField label="Label selector" field="labelSelector" placeholder="-l app=web" width={140} />
      <TextField label="Field selector" field="fieldSelector" placeholder="--field-selector" width={140} />
      <TextField label="Limit" field="limit" placeholder="--limit" width={70} />
      <TextField label="Continue" field="continue" placeholder="token or previous" width={130} />
      <TextField label="Resource version" field="resourceVersion" placeholder="rv or previous" width={110} />
    </fieldset>
  )
}

function SelectField<T extends string>({ label, field, options, none }: {
  label: string
  field: keyof RequestSettings
  options: readonly T[]
  none?: string
}) {
  const value = useApp((s) => s.settings[field])
  const { changeSettings } = useActions()
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => changeSettings({ [field]: e.target.value || undefined })}
      >
        {none !== undefined && <option value="">{none}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The fields one verb adds: patch type, cascade and grace period, field validation. */
export function VerbOptions() {
  const settings = useApp((s) => s.settings)
  const { verb } = settings
  return (
    <>
      {verb === 'patch' && <SelectField label="Patch type" field="patchType" options={PATCH_TYPES} />}
      {verb === 'patch' && settings.patchType === 'apply' && (
        <TextField label="Field manager" field="fieldManager" placeholder="field manager" width={120} />
      )}
      {verb === 'delete' && (
        <>
          <SelectField label="Cascade" field="propagationPolicy" options={CASCADES} none="background (default)" />
          <TextField label="Grace period" field="gracePeriodSeconds" placeholder="seconds" width={80} />
        </>
      )}
      {(verb === 'create' || verb === 'update' || verb === 'apply') && (
        <SelectField label="Field validation" field="fieldValidation" options={VALIDATIONS} none="Strict (kubectl’s)" />
      )}
    </>
  )
}

/** Says what the editor holds for this verb, since patch and the by-name verbs use it differently. */
export function EditorRoleNote() {
  const role = useApp((s) => editorRole(s.settings))
  if (role === 'manifest') return null
  return (
    <p className="editor-role" data-testid="editor-role">
      {role === 'patch'
        ? 'The editor holds the patch (YAML or JSON), sent as kubectl patch -p.'
        : 'This request does not send the editor’s manifest.'}
    </p>
  )
}
