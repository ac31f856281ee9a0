/** Wall-clock seconds per named stage, for the report envelope's `timings`. */
export class Stopwatch {
  private readonly stages: Record<string, number> = {}

  /** Times a synchronous or asynchronous stage; repeated names accumulate. */
  async time<T>(stage: string, work: () => T | Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await work()
    } finally {
      this.add(stage, (performance.now() - start) / 1000)
    }
  }

  add(stage: string, seconds: number): void {
    this.stages[stage] = (this.stages[stage] ?? 0) + seconds
  }

  toJSON(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [k, v] of Object.entries(this.stages)) out[k] = Math.round(v * 1e6) / 1e6
    return out
  }
}
