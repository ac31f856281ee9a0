/** What a family provides to `report merge`: its parts' results (by shard index) combined into one result. */
export interface MergedResult<R> {
  readonly result: R
  /** A quality gate that the merged result fails (exit 3), as the single-machine run would have. */
  readonly gateFailure?: string
  /** The report's warnings, when the family derives them from the merged result (else the parts' union). */
  readonly warnings?: readonly string[]
}

export type ResultMerger = (
  results: readonly unknown[],
  options: Readonly<Record<string, unknown>>,
) => MergedResult<unknown>
