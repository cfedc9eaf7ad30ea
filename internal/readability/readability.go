// Package readability measures how hard English prose is to read: a
// syllable counter (Syllables, checked against the CMU Pronouncing
// Dictionary by the tests), a word scanner (Words) and two grade-level
// formulas, Flesch-Kincaid and SMOG, over the counts of a text.
package readability

import "math"

// Counts are what the formulas read of a text.
type Counts struct {
	// Sentences, Words and Syllables are the text's totals.
	Sentences, Words, Syllables int
	// Polysyllables counts the words of three or more syllables.
	Polysyllables int
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Sentences += o.Sentences
	c.Words += o.Words
	c.Syllables += o.Syllables
	c.Polysyllables += o.Polysyllables
}

// Sub returns c less o.
func (c Counts) Sub(o Counts) Counts {
	return Counts{
		Sentences: c.Sentences - o.Sentences, Words: c.Words - o.Words,
		Syllables: c.Syllables - o.Syllables, Polysyllables: c.Polysyllables - o.Polysyllables,
	}
}

// Count returns the counts of text read as one sentence: Sentences is 1
// when text has a word, 0 otherwise.
func Count(text string) Counts { return CountWith(text, nil) }

// CountWith is Count with each word's syllables as syllables(word,
// counted) returns them, counted being the counter's count; nil keeps the
// counter's.
func CountWith(text string, syllables func(word string, counted int) int) Counts {
	var c Counts
	Words(text, func(w Word) {
		n := w.Syllables
		if syllables != nil {
			n = syllables(text[w.Start:w.End], n)
		}
		c.Words++
		c.Syllables += n
		if n >= 3 {
			c.Polysyllables++
		}
	})
	if c.Words > 0 {
		c.Sentences = 1
	}
	return c
}

// FleschKincaid returns the Flesch-Kincaid grade level (Kincaid et al.,
// 1975): 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
// It returns 0 for a text without words.
func FleschKincaid(c Counts) float64 {
	if c.Words == 0 || c.Sentences == 0 {
		return 0
	}
	return 0.39*float64(c.Words)/float64(c.Sentences) + 11.8*float64(c.Syllables)/float64(c.Words) - 15.59
}

// SMOGSentences is the sample SMOG was defined on (McLaughlin, 1969):
// 30 sentences, ten from the start, middle and end of a text.
const SMOGSentences = 30

// SMOG returns the SMOG grade (McLaughlin, 1969, in the regression form
// 1.0430 × √(polysyllables × 30 / sentences) + 3.1291). The 30 / sentences
// factor is the published adjustment for a text of fewer than 30 sentences
// (the conversion table of the US National Cancer Institute's "Making
// Health Communication Programs Work": count every polysyllable and
// multiply by 30 over the sentences), and for a longer text it averages
// over every sentence instead of sampling 30. It returns 0 for a text
// without sentences.
func SMOG(c Counts) float64 {
	if c.Sentences == 0 {
		return 0
	}
	return 1.0430*math.Sqrt(float64(c.Polysyllables)*SMOGSentences/float64(c.Sentences)) + 3.1291
}

// SMOGMinSentences is the fewest sentences the short-text SMOG asks for.
const SMOGMinSentences = 10
