/**
 * Worker-thread entry of ./profile-parallel.ts: profiles the byte range it is given (./range-profile.ts) and posts
 * the reply back. Kept to this so a worker loads only what profiling a range needs.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {profileRange, type RangeJob} from './range-profile.js'

parentPort?.postMessage(await profileRange(workerData as RangeJob))
