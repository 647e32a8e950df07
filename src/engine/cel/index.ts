// CEL as kube-apiserver's admission policies use it.
export * from './env'
export { displayValue, type JsonValue } from './display'
export { Quantity } from './library'
