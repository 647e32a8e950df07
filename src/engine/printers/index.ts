export { negotiateTable, requestedTableVersion, includeObjectPolicy, toTable } from './table'
