package rules_test

import (
	"testing"
)

func FuzzImageAlt(f *testing.F) {
	fuzzRule(f, "image-alt", "<img alt=>", "![](<>)", "<!-- <img", "![IMG_1](%zz)")
}
