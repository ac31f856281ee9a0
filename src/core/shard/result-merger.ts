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

/** One part as a NetCDF merger sees it: where its report is, and what it holds. */
export interface MergePart {
  readonly path: string
  readonly result: unknown
}

/**
 * How `report merge --netcdf FILE` writes the NetCDF file one machine would have written. `fromParts`: each
 * shard wrote its share to its own file (the command's NetCDF flag, recorded in the part), and the merger
 * joins them; otherwise the file is a function of the merged result alone and the shards write none.
 */
export interface NetcdfMerger {
  /** The command's own NetCDF flag (`--netcdf`, `--nc`). */
  readonly flag: string
  readonly fromParts: boolean
  /** Writes `target` atomically; returns the merged result with the file recorded as the command records it. */
  write(
    parts: readonly MergePart[],
    merged: unknown,
    options: Readonly<Record<string, unknown>>,
    target: string,
  ): Promise<unknown>
}

/**
 * Files a command writes from its finished report (`kappa plan --emit DIR`: the plan in every fine-tuning
 * tool's format). A shard has no finished report, so `report merge --emit DIR` writes them from the merged one.
 */
export interface FilesMerger {
  /** The command's own flag for them (`--emit`). */
  readonly flag: string
  write(report: unknown, options: Readonly<Record<string, unknown>>, target: string): string[]
}
