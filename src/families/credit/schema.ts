/** The `result` of an `infolens.credit.fairness/1` report (`credit fairness`). */
import type {GroupIv, ProxyRow} from './kernels/fairness-analysis.js'
import type {FrontierPoint} from './kernels/fairness-frontier.js'

export interface FairnessResult {
  readonly protected: string
  readonly rows: number
  readonly group_rows: number
  readonly z: number
  readonly group_default_iv: GroupIv
  readonly score_iv: (GroupIv & {readonly group_rows: number}) | null
  readonly proxies: readonly ProxyRow[]
  readonly frontier: readonly FrontierPoint[]
}
