package readability

// exceptions are words the heuristic miscounts that health pages use, with
// their syllables as the CMU Pronouncing Dictionary gives them. A plural
// in -s is looked up as its singular too.
var exceptions = map[string]int{
	"acne": 2, "recipe": 3, "sesame": 3, "syncope": 3, "systole": 3, "diastole": 4, "cafe": 2,
	"karate": 3, "apostrophe": 4, "catastrophe": 4, "hyperbole": 4, "adobe": 3, "coyote": 3,
	"diabetes": 4, "herpes": 2, "naked": 2, "wicked": 2, "sacred": 2, "crooked": 2, "rugged": 2,
	"element": 3, "elements": 3, "people": 2, "business": 2, "every": 3, "poem": 2, "poet": 2,
	"lion": 2, "union": 2, "quiet": 2, "aspirin": 2, "vegetable": 3, "suicide": 3, "suicidal": 4,
	"pneumonia": 3, "ammonia": 3, "dementia": 4, "cereal": 3, "nuclear": 3, "whereas": 2,
	"our": 2, "ours": 2, "hour": 2, "flour": 2, "sour": 2, "etc": 4,
	"maybe": 2, "embed": 2, "forever": 3, "forensic": 3, "bluetooth": 2,
}

// exceptionIndex buckets the exceptions by length and first letter: most
// buckets are empty, and a lookup costs no hashing.
var exceptionIndex = func() (index [maxException + 1][26][]string) {
	for w := range exceptions {
		if len(w) <= maxException && w[0] >= 'a' && w[0] <= 'z' {
			index[len(w)][w[0]-'a'] = append(index[len(w)][w[0]-'a'], w)
		}
	}
	return index
}()

// maxException bounds the length of an exception (checked by the tests).
const maxException = 16

// exception returns the syllables of w when it is an exception.
func exception(w []byte) (int, bool) {
	if len(w) > maxException || w[0] < 'a' || w[0] > 'z' {
		return 0, false
	}
	for _, e := range exceptionIndex[len(w)][w[0]-'a'] {
		if e == string(w) {
			return exceptions[e], true
		}
	}
	return 0, false
}
