import {InputError} from '../../../core/errors.js'
import type {SqlEngine} from './sql-engine.js'

export async function openDuckdb(): Promise<SqlEngine> {
  throw new InputError('duckdb engine not built yet', {field: '--engine'})
}
