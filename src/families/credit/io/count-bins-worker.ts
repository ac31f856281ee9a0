/**
 * Worker-thread entry of ./count-bins-parallel.ts: counts one file's bins (countBins without a
 * classifier) and posts the counts back, or the error in a form the caller can rebuild.
 * workerData: {file, binnings}.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {InfolensError} from '../../../core/errors.js'
import type {FeatureBinning} from '../kernels/feature-binning.js'
import {countBins} from './count-bins.js'

const {file, binnings} = workerData as {file: string; binnings: FeatureBinning[]}
try {
  parentPort?.postMessage({ok: true, result: await countBins(file, {binnings})})
} catch (error) {
  const e = error as InfolensError
  parentPort?.postMessage({
    ok: false,
    error: {input: e instanceof InfolensError && e.exitCode === 2, message: e.message, file: e.file, field: e.field},
  })
}
