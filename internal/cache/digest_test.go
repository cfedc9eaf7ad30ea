package cache

import (
	"errors"
	"reflect"
	"regexp"
	"testing"

	"github.com/medlint/medlint/internal/config"
	"github.com/medlint/medlint/internal/engine"
	"github.com/medlint/medlint/internal/lint"
)

func resolve(t *testing.T, yml string, only ...string) []config.Active {
	t.Helper()
	cfg, err := config.Parse(".medlint.yml", "/repo", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Select(only, nil, nil); err != nil {
		t.Fatal(err)
	}
	active, err := cfg.Resolve("docs/a.md")
	if err != nil {
		t.Fatal(err)
	}
	return active
}

func digest(t *testing.T, active []config.Active) Digest {
	t.Helper()
	d, err := ActiveDigest(active)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestActiveDigestSeesEverySetting(t *testing.T) {
	t.Parallel()
	base := digest(t, resolve(t, ""))
	if again := digest(t, resolve(t, "")); again != base {
		t.Fatal("two resolutions of one config give different digests")
	}
	for _, tc := range []struct{ name, yml string }{
		{"severity", "rules:\n  duplicate-heading: error\n"},
		{"option", "rules:\n  duplicate-heading: {scope: document}\n"},
		{"list option", "rules:\n  list-format: {fake-bullet-chars: ['•']}\n"},
		{"rule off", "rules:\n  uncited-claim: off\n"},
		// The default value, but set explicitly: rules may tell (pass.Explicit).
		{"explicit default", "rules:\n  duplicate-heading: {scope: siblings}\n"},
		{"override", "overrides:\n  - files: ['docs/**']\n    rules:\n      review-date: {warn-after: 6}\n"},
	} {
		if d := digest(t, resolve(t, tc.yml)); d == base {
			t.Errorf("%s: the digest does not change", tc.name)
		}
	}
	if digest(t, resolve(t, "", "duplicate-heading")) == base {
		t.Error("--only: the digest does not change")
	}
	// The command line sets checks the config file does not hold.
	whole := digest(t, resolve(t, "", "list-format"))
	if digest(t, resolve(t, "", "list-format/marker-style")) == whole {
		t.Error("--only RULE/CHECK: the digest does not change")
	}
	for _, yml := range []string{"rules:\n  list-format: {checks: {marker-style: error}}\n", "rules:\n  MD004: off\n"} {
		if digest(t, resolve(t, yml)) == base {
			t.Errorf("%q: the digest does not change", yml)
		}
	}
	// Two lists of one element each must not collide with one list of two.
	a := digest(t, resolve(t, "rules:\n  uncited-claim: {non-citation-domains: ['ab.com']}\n"))
	b := digest(t, resolve(t, "rules:\n  uncited-claim: {non-citation-domains: ['a', 'b.com']}\n"))
	if a == b {
		t.Error("['ab'] and ['a', 'b'] have one digest")
	}
}

// A stand-in rule whose options exercise the serialiser.
type optRule struct{ id string }

func (r optRule) Meta() lint.Meta                           { return lint.Meta{ID: r.id, Severity: lint.SeverityWarning} }
func (optRule) NewOptions() any                             { return nil }
func (r optRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (optRule) Run(*lint.Pass) error                        { return nil }
func (r optRule) with(opts any) config.Active               { return config.Active{Rule: r, Options: opts} }

func TestActiveDigestValues(t *testing.T) {
	t.Parallel()
	type inner struct{ N int }
	type opts struct {
		M      map[string]int
		P      *inner
		Any    any
		F      float64
		Re     *regexp.Regexp
		hidden int
	}
	r := optRule{"x"}
	d := func(o opts) Digest { return digest(t, []config.Active{r.with(&o)}) }
	m := map[string]int{}
	for i := range 50 {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = i
	}
	base := opts{M: m, P: &inner{1}, Any: "s", F: 1.5, Re: regexp.MustCompile("a+")}
	for range 5 { // map iteration order varies: the digest must not
		if d(base) != d(opts{M: m, P: &inner{1}, Any: "s", F: 1.5, Re: regexp.MustCompile("a+")}) {
			t.Fatal("equal options, different digests")
		}
	}
	unexported := base
	unexported.hidden = 7
	if d(unexported) != d(base) {
		t.Error("an unexported field (derived state) changed the digest")
	}
	for name, o := range map[string]opts{
		"map value":  {M: map[string]int{"a": 1}, P: &inner{1}, Any: "s", F: 1.5, Re: base.Re},
		"nil map":    {P: &inner{1}, Any: "s", F: 1.5, Re: base.Re},
		"pointer":    {M: m, P: &inner{2}, Any: "s", F: 1.5, Re: base.Re},
		"nil ptr":    {M: m, Any: "s", F: 1.5, Re: base.Re},
		"interface":  {M: m, P: &inner{1}, Any: 1, F: 1.5, Re: base.Re},
		"float":      {M: m, P: &inner{1}, Any: "s", F: 2.5, Re: base.Re},
		"regexp":     {M: m, P: &inner{1}, Any: "s", F: 1.5, Re: regexp.MustCompile("b+")},
		"nil regexp": {M: m, P: &inner{1}, Any: "s", F: 1.5},
	} {
		if d(o) == d(base) {
			t.Errorf("%s: the digest does not change", name)
		}
	}
	for name, o := range map[string]any{
		"func":         &struct{ F func() }{F: func() {}},
		"channel":      &struct{ C chan int }{C: make(chan int)},
		"opaque":       &struct{ S struct{ x int } }{},
		"cycle":        cyclic(),
		"func in any":  &struct{ A any }{A: func() {}},
		"func in map":  &struct{ M map[string]func() }{M: map[string]func(){"a": nil}},
		"func in list": &struct{ L []func() }{L: []func(){nil}},
	} {
		if _, err := ActiveDigest([]config.Active{r.with(o)}); !errors.Is(err, errUncacheable) {
			t.Errorf("%s: err = %v, want errUncacheable", name, err)
		}
	}
}

type node struct{ Next *node }

func cyclic() *node {
	n := &node{}
	n.Next = n
	return n
}

// Uncacheable options make the file a miss that is not stored, never an
// error.
func TestUncacheableOptionsAreNotStored(t *testing.T) {
	t.Parallel()
	c, err := Open(Options{Dir: t.TempDir(), Version: "v"})
	if err != nil {
		t.Fatal(err)
	}
	l := c.Lookup(engine.File{Display: "a.md", Source: []byte("# A\n"), Active: []config.Active{optRule{"x"}.with(&struct{ F func() }{})}})
	if l.Hit || l.Store != nil {
		t.Fatalf("lookup = %+v, want a miss without Store", l)
	}
	if !reflect.DeepEqual(c.Stats(), Stats{Misses: 1}) {
		t.Fatalf("stats = %+v", c.Stats())
	}
}

// A rule of a type that cannot be a map key.
type sliceRule struct{ ids []string }

func (r sliceRule) Meta() lint.Meta {
	return lint.Meta{ID: r.ids[0], Severity: lint.SeverityInfo, DependsOnDate: true}
}
func (sliceRule) NewOptions() any                             { return nil }
func (r sliceRule) Prepare(any, lint.Env) (lint.Check, error) { return r.Run, nil }
func (sliceRule) Run(*lint.Pass) error                        { return nil }

func TestSettingsMemo(t *testing.T) {
	t.Parallel()
	var sm settingsMemo
	sm.m.Bound = maxSettings
	active := resolve(t, "")
	s := sm.get(active)
	if sm.get(active) != s {
		t.Error("the same slice is not remembered")
	}
	fresh := resolve(t, "")
	if f := sm.get(fresh); f == s || f.digest != s.digest || !reflect.DeepEqual(f.datedIDs, s.datedIDs) {
		t.Error("an equal slice at another address must be derived again, to the same settings")
	}
	if !s.datedIDs["review-date"] || len(s.dated) != len(s.datedIDs) {
		t.Errorf("dated rules = %v", s.datedIDs)
	}
	for range 2 * maxSettings {
		sm.get(resolve(t, ""))
	}
	if sm.m.Len() > maxSettings {
		t.Errorf("the memo holds %d slices, more than %d", sm.m.Len(), maxSettings)
	}
	odd := sm.get([]config.Active{{Rule: sliceRule{[]string{"odd"}}}})
	if odd.err != nil || !odd.datedIDs["odd"] {
		t.Errorf("a rule of a non-comparable type: %+v", odd)
	}
}

// The files options read are part of the digest: their bytes, their paths
// and why they could not be read (issue 15, item 2: an edited registry was
// answered with findings computed from the old one).
func TestActiveDigestSeesOptionFiles(t *testing.T) {
	t.Parallel()
	r := optRule{"x"}
	d := func(files ...config.FileRead) Digest {
		a := r.with(nil)
		a.Files = files
		return digest(t, []config.Active{a})
	}
	base := d(config.FileRead{Path: "/r/reviewers.yml", Data: []byte("- name: Jane Frank\n")})
	if again := d(config.FileRead{Path: "/r/reviewers.yml", Data: []byte("- name: Jane Frank\n")}); again != base {
		t.Fatal("the same file read twice gives two digests")
	}
	for name, files := range map[string][]config.FileRead{
		"content":   {{Path: "/r/reviewers.yml", Data: []byte("- name: Sam Lee\n")}},
		"path":      {{Path: "/r/other.yml", Data: []byte("- name: Jane Frank\n")}},
		"unread":    {{Path: "/r/reviewers.yml", Err: "no such file"}},
		"two files": {{Path: "/r/reviewers.yml", Data: []byte("- name: Jane Frank\n")}, {Path: "/r/b.yml"}},
		"no file":   nil,
	} {
		if d(files...) == base {
			t.Errorf("%s: the digest does not change", name)
		}
	}
}
