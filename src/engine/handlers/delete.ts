// DELETE (k8s.io/apiserver/pkg/endpoints/handlers/delete.go, then the registry's Store.Delete).
import { runAdmissionPhase } from '../admission/chain'
import { enabledPlugins } from '../admission/plugins'
import { cloneJson } from '../clone'
import { withResourceVersion } from '../encoding'
import { etcdKey, type ResourceInfo } from '../resources'
import { deleteSuccess, notFound } from '../status'
import {
  admissionAttributes,
  respondObject,
  respondStatus,
  type HandlerDeps,
  type RequestContext,
} from './context'

export function remove(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const gr = { group: resource.group, resource: resource.resource }
  const key = etcdKey(resource, info.namespace, info.name)
  const existing = deps.etcd.get(key)
  if (!existing) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, {
      data: { key, revision: deps.etcd.revision() },
    })
    return respondStatus(ctx, 'storage', notFound(gr, info.name))
  }
  // A delete runs both admission halves, with the stored object as oldObject.
  const attrs = admissionAttributes(ctx, resource, 'DELETE', undefined, existing.value)
  const plugins = enabledPlugins(deps.config.admission)
  for (const phase of ['mutating', 'validating'] as const) {
    const result = runAdmissionPhase(phase, plugins, attrs, deps.admissionContext, ctx.trace)
    if (!result.allowed)
      return respondStatus(
        ctx,
        phase === 'mutating' ? 'mutating-admission' : 'validating-admission',
        result.status,
      )
  }
  if (attrs.dryRun) {
    ctx.trace.record('storage', 'etcd3 delete', 'skipped', `dry run: ${key} would be deleted`, {
      data: { key, dryRun: true },
    })
    return respondObject(ctx, 200, withResourceVersion(existing.value, existing.modRevision))
  }
  if (resource.kind === 'Namespace') {
    // Namespaces go through Terminating: the namespace controller empties them, then removes the finalizer.
    const terminating = cloneJson(existing.value)
    terminating.metadata!.deletionTimestamp = deps.clock.now()
    terminating.status = { ...(terminating.status as object), phase: 'Terminating' }
    const updated = deps.etcd.update(key, terminating, existing.modRevision)
    ctx.trace.record(
      'storage',
      'etcd3 update',
      'passed',
      `marked ${key} as Terminating at revision ${deps.etcd.revision()}; the namespace controller deletes its contents next`,
      {
        data: { key, revision: deps.etcd.revision() },
      },
    )
    respondObject(
      ctx,
      200,
      withResourceVersion(terminating, updated.ok ? updated.revision : existing.modRevision),
    )
    deps.config.afterWrite?.({ type: 'deleted', resource, object: terminating })
    return
  }
  const deleted = deps.etcd.delete(key)
  ctx.trace.record(
    'storage',
    'etcd3 delete',
    'passed',
    `deleted ${key} at revision ${deleted.ok ? deleted.revision : deps.etcd.revision()}`,
    {
      data: { key, revision: deps.etcd.revision() },
    },
  )
  // Pods answer with the object; most kinds answer with a Success Status.
  if (resource.kind === 'Pod')
    respondObject(ctx, 200, withResourceVersion(existing.value, existing.modRevision))
  else
    respondObject(
      ctx,
      200,
      deleteSuccess({
        name: info.name,
        ...(resource.group ? { group: resource.group } : {}),
        kind: resource.resource,
        uid: existing.value.metadata?.uid,
      }),
    )
  deps.config.afterWrite?.({ type: 'deleted', resource, object: existing.value })
}
