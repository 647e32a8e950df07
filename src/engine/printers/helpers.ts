// What every printer is made of: column definitions, the row shape, and readers that take a field of an
// object decoded from JSON without trusting its type.
import { DESCRIPTIONS as D } from './descriptions'
import { age } from './format'

export interface ColumnDefinition {
  name: string
  type: string
  format: string
  description: string
  priority: number
}

export interface RowCondition {
  type: string
  status: string
  reason: string
  message: string
}

export type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> }

export interface KindPrinter {
  columns: ColumnDefinition[]
  cells(obj: Obj, now: string): unknown[]
  conditions?(obj: Obj): RowCondition[] | undefined
}

export const col = (name: string, type: string, description: string, extra: { format?: string; priority?: number } = {}): ColumnDefinition => ({
  name,
  type,
  format: extra.format ?? '',
  description,
  priority: extra.priority ?? 0,
})
export const NAME = col('Name', 'string', D.name, { format: 'name' })
export const AGE = col('Age', 'string', D.creationTimestamp)
export const wide = (name: string, type: string, description: string) => col(name, type, description, { priority: 1 })
export const CONTAINERS = wide('Containers', 'string', 'Names of each container in the template.')
export const IMAGES = wide('Images', 'string', 'Images referenced by each container in the template.')

export const rec = (v: unknown) => (v && typeof v === 'object' ? (v as Obj) : ({} as Obj))
export const int = (v: unknown) => (typeof v === 'number' ? v : 0)
export const str = (v: unknown) => (typeof v === 'string' ? v : '')
export const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : [])
export const name = (o: Obj) => str(o.metadata?.name)
export const created = (o: Obj, now: string) => age(o.metadata?.creationTimestamp, now)
export const spec = (o: Obj) => rec(o.spec)
export const status = (o: Obj) => rec(o.status)
export const templateSpec = (o: Obj) => rec(rec(spec(o).template).spec)

