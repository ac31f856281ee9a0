/**
 * Worker-thread entry of ./count-bins-parallel.ts: counts the byte range it is given (./range-count.ts) and posts
 * the reply back. Kept to this so a worker loads only what counting a range needs.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {countRange, type CountRangeJob} from './range-count.js'

parentPort?.postMessage(await countRange(workerData as CountRangeJob))
