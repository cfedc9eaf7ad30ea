// Reference readability scores for internal/readability's tests, computed
// independently of medlint: npm's syllable (syllable counts),
// flesch-kincaid and smog-formula (the published formulas), and the CMU
// Pronouncing Dictionary (cmu-pronouncing-dictionary) for a second set of
// scores whose syllables come from the dictionary wherever it lists the
// word. text-readability's scores are printed too, for information: its
// Flesch-Kincaid rounds syllables per word to one decimal before applying
// the formula (up to ±0.6 grade) and its own sentence splitter drops
// sentences of two words or fewer, so it cannot be held to 0.1 grade.
//
// Input (standard input, JSON): {"passages": [{"name": "...", "sentences":
// ["...", ...]}], "words": ["...", ...]}.
// The sentences are given: sentence splitting is medlint's shared splitter
// (internal/document), not what these scores test. Words follow medlint's
// documented conventions, written again here: a word is a run of letters
// and digits joined by apostrophes, hyphens, full stops and (between
// digits) commas; URLs, web and e-mail addresses, words joined by full
// stops with a part of three or more characters that are not all digits
// (nhs.uk, window.gie) and numbers in square brackets are not words; a
// number, or a part of a word written in capitals (NHS) or holding a digit
// (B12), counts one syllable; a word of three or more syllables is a
// polysyllable.
//
// Output (standard output, JSON): {"passages": [one object per passage
// with its counts and scores], "syllables": {word: npm syllable's count}}.
import { readFileSync } from 'node:fs'
import { syllable } from 'syllable'
import { fleschKincaid } from 'flesch-kincaid'
import { smogFormula } from 'smog-formula'
import { dictionary } from 'cmu-pronouncing-dictionary'
import rs from 'text-readability'

const wordRE = /[\p{L}\p{N}\p{Mn}]+(?:(?:['’.\-‐‑]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{N}\p{Mn}]+)*/gu

function isAddress (token) {
  if (token.includes('://')) return true
  const t = token.replace(/^[([<"'“‘]+/, '')
  if (t.length > 4 && t.slice(0, 4).toLowerCase() === 'www.') return true
  const at = t.indexOf('@')
  return at > 0 && t.indexOf('.', at) > at + 1
}

function cmuCount (part) {
  const p = dictionary[part.toLowerCase().replace(/’/g, "'")]
  if (p === undefined) return undefined
  return p.split(' ').filter(ph => /\d$/.test(ph)).length
}

function partSyllables (part, useCMU) {
  if (/\p{N}/u.test(part)) return 1
  const letters = part.replace(/[^\p{L}]/gu, '')
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 1
  if (useCMU) {
    const n = cmuCount(part)
    if (n !== undefined && n > 0) return n
  }
  return Math.max(syllable(part), 1)
}

function wordSyllables (word, useCMU) {
  if (!/\p{L}/u.test(word)) return 1
  let n = 0
  for (const part of word.split(/[-.‐‑]/)) {
    if (part) n += partSyllables(part, useCMU)
  }
  return Math.max(n, 1)
}

function counts (sentences, useCMU) {
  const c = { sentence: 0, word: 0, syllable: 0, polysillabicWord: 0 }
  for (const s of sentences) {
    let words = 0
    let brackets = 0
    for (const token of s.split(/\s+/).filter(Boolean)) {
      if (isAddress(token)) {
        brackets = Math.max(brackets + (token.split('[').length - token.split(']').length), 0)
        continue
      }
      // Walk the token, tracking square brackets, word by word.
      let last = 0
      for (const m of token.matchAll(wordRE)) {
        const before = token.slice(last, m.index)
        for (const ch of before) {
          if (ch === '[') brackets++
          else if (ch === ']') brackets = Math.max(brackets - 1, 0)
        }
        last = m.index + m[0].length
        const isNumber = !/\p{L}/u.test(m[0])
        if (isNumber && brackets > 0) continue
        if (m[0].includes('.') && m[0].split('.').some(part => [...part].length > 2 && /\D/u.test(part))) continue
        const n = wordSyllables(m[0], useCMU)
        words++
        c.syllable += n
        if (n >= 3) c.polysillabicWord++
      }
      for (const ch of token.slice(last)) {
        if (ch === '[') brackets++
        else if (ch === ']') brackets = Math.max(brackets - 1, 0)
      }
    }
    if (words > 0) {
      c.sentence++
      c.word += words
    }
  }
  return c
}

const input = JSON.parse(readFileSync(0, 'utf8'))
const passages = input.passages.map(p => {
  const ref = counts(p.sentences, false)
  const cmu = counts(p.sentences, true)
  const text = p.sentences.join(' ')
  return {
    name: p.name,
    counts: ref,
    fleschKincaid: fleschKincaid(ref),
    smog: smogFormula(ref),
    cmuCounts: cmu,
    cmuFleschKincaid: fleschKincaid(cmu),
    cmuSmog: smogFormula(cmu),
    textReadability: { fleschKincaid: rs.fleschKincaidGrade(text), smog: rs.smogIndex(text) }
  }
})
const syllables = {}
for (const w of input.words || []) syllables[w] = syllable(w)
process.stdout.write(JSON.stringify({ passages, syllables }, null, 1) + '\n')
