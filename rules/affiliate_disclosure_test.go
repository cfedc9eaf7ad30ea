package rules_test

import (
	"testing"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/rules"
)

func TestAffiliateDisclosureOptionsValidate(t *testing.T) {
	t.Parallel()
	r, _ := lint.Lookup("affiliate-disclosure")
	for _, tt := range []struct {
		edit func(*rules.AffiliateDisclosureOptions)
		ok   bool
	}{
		{func(*rules.AffiliateDisclosureOptions) {}, true},
		{func(o *rules.AffiliateDisclosureOptions) { o.OwnShopDomains = []string{"shop.example.com"} }, true},
		{func(o *rules.AffiliateDisclosureOptions) { o.OwnShopDomains = []string{"https://shop.example.com/"} }, false},
		{func(o *rules.AffiliateDisclosureOptions) { o.DisclosurePatterns = []string{"("} }, false},
	} {
		o := r.NewOptions().(*rules.AffiliateDisclosureOptions)
		tt.edit(o)
		if err := o.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: Validate() = %v, want ok %v", o, err, tt.ok)
		}
	}
}

func FuzzAffiliateDisclosure(f *testing.F) {
	fuzzRule(f, "affiliate-disclosure", "<a href='https://amzn.to/x'>", "[x](http://[::1]:namedport?ref=1) shop now")
}
