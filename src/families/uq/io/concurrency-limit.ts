/**
 * A counting semaphore for async work: at most `limit` tasks run at once, the rest wait in
 * FIFO order. Used to cap the requests in flight to an LLM server, whatever the number of
 * items being processed.
 */
export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>): Promise<T>
}

export function createConcurrencyLimit(limit: number): ConcurrencyLimit {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('concurrency limit must be a positive integer')
  let active = 0
  const waiting: (() => void)[] = []
  /** Hands the slot straight to the next waiter, so a newcomer can never jump the queue. */
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else active--
  }
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
      else active++
      try {
        return await task()
      } finally {
        release()
      }
    },
  }
}
