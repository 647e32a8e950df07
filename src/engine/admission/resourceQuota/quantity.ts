// The quota and LimitRanger tests reach the engine's quantity module through this path.
export * from '../../quantity'
