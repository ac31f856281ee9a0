import {InputError} from '../../../core/errors.js'
import type {SqlEngine} from './sql-engine.js'

export async function openPostgres(_url?: string): Promise<SqlEngine> {
  throw new InputError('postgres engine not built yet', {field: '--engine'})
}
