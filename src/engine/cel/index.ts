// CEL as kube-apiserver's admission policies use it.
export * from './env'
export { parseQuantityExact, Quantity } from './library'
