/**
 * Reading the two short replies of the correctness protocol of the released code
 * (`correctness.py`, spec §2.8): the judge's "Yes"/"No" on semantic equivalence with the gold
 * answer (anything else → no label), and the verbalized confidence ("… 85% …") of the answer
 * sample, which gives the VU baseline (Tian et al. 2023).
 */

/** 1 for a reply starting with "yes", 0 for "no", undefined otherwise (case and punctuation ignored). */
export function judgeVerdict(reply: string): 0 | 1 | undefined {
  const word = /^[\s"'*`([]*([A-Za-z]+)/.exec(reply)?.[1]?.toLowerCase()
  return word === 'yes' ? 1 : word === 'no' ? 0 : undefined
}

/** The last percentage in the text as a fraction in [0, 1] ("Confidence: 85%" → 0.85); undefined when none. */
export function verbalizedConfidence(reply: string): number | undefined {
  const all = [...reply.matchAll(/(\d{1,3}(?:\.\d+)?)\s*%/g)]
  if (all.length === 0) return undefined
  const v = Number(all[all.length - 1][1]) / 100
  return v >= 0 && v <= 1 ? v : undefined
}
