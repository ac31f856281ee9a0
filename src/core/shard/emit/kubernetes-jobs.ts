/**
 * Kubernetes job files of a sharded run: an Indexed Job (completionMode: Indexed) whose pod K runs the command
 * with `--shards N` (Kubernetes gives only JOB_COMPLETION_INDEX), and a merge Job to apply once it completes
 * (`kubectl wait --for=condition=complete`). Pods share the working directory through one volume claim.
 * Written to the Job API (batch/v1); not run on a real cluster here (docs/cluster.md).
 */
import {shellLine, shellQuote} from './shell-words.js'
import {mergeOutputs, partOutputs} from './output-words.js'
import type {JobCommand} from './job-command.js'
import {toYaml} from './yaml-text.js'

export interface KubernetesOptions {
  readonly shards: number
  readonly jobName: string
  readonly image: string
  /** The volume claim mounted at `workdir`, where inputs, parts and the report live. */
  readonly claim: string
  readonly workdir: string
}

/** Parts go here, relative to the working directory. */
export const KUBERNETES_PARTS = 'infolens-parts'

function job(name: string, script: string, o: KubernetesOptions, spec: Record<string, number | string>) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {name, labels: {'app.kubernetes.io/name': 'infolens'}},
    spec: {
      ...spec,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'infolens',
              image: o.image,
              workingDir: o.workdir,
              command: ['sh', '-c', script],
              volumeMounts: [{name: 'work', mountPath: o.workdir}],
            },
          ],
          volumes: [{name: 'work', persistentVolumeClaim: {claimName: o.claim}}],
        },
      },
    },
  }
}

/** The shell line pod K runs (JOB_COMPLETION_INDEX set by Kubernetes). */
export function kubernetesShardLine(command: JobCommand, shards: number): string {
  const part = `${KUBERNETES_PARTS}/part-\${JOB_COMPLETION_INDEX}.json`
  const nc = partOutputs(command, KUBERNETES_PARTS, '${JOB_COMPLETION_INDEX}')
  return `mkdir -p ${KUBERNETES_PARTS} && exec infolens ${shellLine(command.words)} --shards ${shards}${nc} --out "${part}"`
}

export function kubernetesMergeLine(command: JobCommand, shards: number): string {
  const parts = Array.from({length: shards}, (_, k) => `${KUBERNETES_PARTS}/part-${k}.json`)
  return `exec infolens report merge ${parts.join(' ')}${mergeOutputs(command)} --out ${shellQuote(command.reportPath)}`
}

export function kubernetesIndexedJob(command: JobCommand, o: KubernetesOptions): string {
  const spec = {completionMode: 'Indexed', completions: o.shards, parallelism: o.shards, backoffLimit: o.shards * 2}
  return toYaml(job(o.jobName, kubernetesShardLine(command, o.shards), o, spec))
}

export function kubernetesMergeJob(command: JobCommand, o: KubernetesOptions): string {
  return toYaml(job(`${o.jobName}-merge`, kubernetesMergeLine(command, o.shards), o, {backoffLimit: 2}))
}
