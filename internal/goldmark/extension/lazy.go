package extension

import (
	"regexp"
	"sync"
)

// The copy of goldmark's linkify.go (see copy_test.go) keeps its two
// default expressions as patterns; they are compiled here, when a
// paragraph first holds a candidate for a bare link. Upstream compiles them
// at package init, where their {1,256} repetitions made the costliest init
// of every medlint start, whether or not a document held a link.
var (
	defaultURLRegexp = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(urlPattern) })
	defaultWWWRegexp = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(wwwURLPattern) })
)

// urlRegexp is the expression a bare URL must match: the one an option set,
// else goldmark's default.
func (s *linkifyParser) urlRegexp() *regexp.Regexp {
	if s.URLRegexp != nil {
		return s.URLRegexp
	}
	return defaultURLRegexp()
}

// wwwRegexp is the expression a bare www. link must match: the one an
// option set, else goldmark's default.
func (s *linkifyParser) wwwRegexp() *regexp.Regexp {
	if s.WWWRegexp != nil {
		return s.WWWRegexp
	}
	return defaultWWWRegexp()
}
