package rules

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/medlint/medlint/internal/document"
	"github.com/medlint/medlint/internal/lazyre"
	"github.com/medlint/medlint/internal/lint"
)

func init() { lint.Register(imageAlt) }

// imageAlt checks that images carry alt text that describes them.
var imageAlt = &lint.Definition[ImageAltOptions]{
	Info:     imageAltMeta,
	Defaults: func() *ImageAltOptions { return &ImageAltOptions{HTML: true, GenericWords: true} },
	Run:      checkImageAlt,
}

// ImageAltOptions are the options of image-alt.
type ImageAltOptions struct {
	HTML          bool `yaml:"html" doc:"also check <img> tags in inline HTML and HTML blocks (an <img> without an alt attribute is flagged; alt=\"\" marks a decorative image and is accepted)"`
	GenericWords  bool `yaml:"generic-words" doc:"flag alt text that is only a generic word such as \"image\", \"photo\", \"picture\" or \"screenshot\""`
	AllowEmptyAlt bool `yaml:"allow-empty" doc:"accept Markdown images with empty alt text (![](x.png)) as decorative"`
}

// imageAltMeta is the rule's metadata: data, built once.
var imageAltMeta = lint.Meta{
	Category: lint.CategoryStyle,
	ID:       "image-alt",
	Summary:  "Images need alt text that describes them, not a file name or camera stamp",
	Severity: lint.SeverityWarning,
	Rationale: "WCAG 2.2 success criterion 1.1.1 (non-text content) and Section 508 require a text alternative for " +
		"every informative image; screen-reader users hear the alt text instead of seeing the image. CMS uploads " +
		"often fill it with the file name (\"photo 2025 06 21 17 53 38.jpg\", \"IMG_1234\", \"DSC0001\", " +
		"\"image.png\", \"Screenshot 2025-06-21 at 17.53.38\"), which is worse than nothing: it is read aloud.",
	Bad:  "![IMG_1234.jpg](images/IMG_1234.jpg)\n",
	Good: "![A bowl of plain yogurt topped with blueberries](images/IMG_1234.jpg)\n",
	Checks: []lint.CheckDoc{
		{Name: "empty", Summary: "a Markdown image with no alt text, or an <img> without an alt attribute", Equivalent: "markdownlint MD045"},
		{Name: "file-name", Summary: "alt text that is a file name, the image's own file name, or a camera/screenshot stamp"},
		{Name: "generic", Summary: "alt text that is only a generic word (\"image\", \"photo\", \"picture\", \"screenshot\"); see generic-words"},
	},
	Notes: "Markdown cannot mark an image as decorative, so an empty alt is flagged unless allow-empty is true; in " +
		"HTML, alt=\"\" is the standard decorative marker and is accepted, while a missing alt attribute is flagged. " +
		"Images inside code blocks and HTML comments are not looked at.",
}

var (
	// altFileName is alt text ending in an image file extension.
	altFileName = lazyre.New(`(?i)^\S.*\.(?:jpe?g|png|gif|webp|svg|heic|heif|tiff?|bmp|avif|jfif)$`)
	// altCameraStamp is alt text that a camera, phone or screenshot tool
	// wrote: IMG_1234, DSC0001, PXL_20250621_175338, "photo 2025 06 21 17
	// 53 38", "Screenshot 2025-06-21 at 17.53.38", "WhatsApp Image ...".
	altCameraStamp = lazyre.New(`(?i)^(?:(?:img|dsc[nf]?|dcim|pxl|mvimg|gopr|gp|sam|wp|p|dji|vid)[_ -]?\d{3,}[\d_ -]*(?:[ _-]?(?:edited|copy|\(\d+\)|[a-z]{1,2}\d*))?` +
		`|(?:whatsapp )?(?:photo|image|img|screenshot|screen shot|scan|picture|pic|snapshot|capture|untitled|download(?:ed)?(?: image)?)[ _-]*\(?\d[\d .:_/()-]*(?:at[\d .:_-]+)?(?:[ap]m)?` +
		`|\d{4}[ _.-]?\d{2}[ _.-]?\d{2}(?:[ _.-]?\d{2}){0,3}(?:[ _-]\w+)?)$`)
	// altGeneric is alt text that only names the medium.
	altGeneric = lazyre.New(`(?i)^(?:an? |the )?(?:image|photo|photograph|picture|pic|img|graphic|screenshot|figure|icon|banner|thumbnail|illustration|placeholder|alt|alt text|untitled|untitled image)s?$`)
	// imgTag finds <img ...> tags.
	// fileNameSeparators are dropped when alt text is compared with a file name.
	fileNameSeparators = strings.NewReplacer("-", "", "_", "", " ", "", ".", "")
	imgTag             = lazyre.New(`(?is)<img\b[^>]*>`)
	// imgAlt reads an alt attribute.
	imgAlt = lazyre.New(`(?is)\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	// imgSrc reads a src attribute.
	imgSrc = lazyre.New(`(?is)\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
)

func checkImageAlt(pass *lint.Pass, opts *ImageAltOptions) error {
	doc := pass.Doc
	for _, b := range doc.Blocks {
		for _, l := range b.Links() {
			if !l.Image || l.Pos < 0 {
				continue
			}
			checkAlt(pass, opts, l.Pos, max(l.End, l.Pos), l.Text, l.Destination, true)
		}
		if opts.HTML {
			for _, h := range b.InlineHTML() {
				checkImgTags(pass, opts, h.Pos, h.Text)
			}
		}
	}
	if opts.HTML {
		for _, r := range htmlBlockRanges(doc) {
			checkImgTags(pass, opts, r[0], string(doc.Source[r[0]:r[1]]))
		}
	}
	return nil
}

// htmlBlockRanges returns the source ranges of runs of HTML block lines,
// with HTML comments blanked out of consideration by the caller's regexp
// (an <img> inside a comment is skipped by checkImgTags).
func htmlBlockRanges(doc *document.Document) [][2]int {
	var out [][2]int
	start := 0
	for i, k := range doc.LineKinds {
		line := i + 1
		if k == document.LineHTML {
			if start == 0 {
				start = line
			}
			continue
		}
		if start != 0 {
			out = append(out, [2]int{doc.LineStart(start), doc.LineEnd(line - 1)})
			start = 0
		}
	}
	if start != 0 {
		out = append(out, [2]int{doc.LineStart(start), doc.LineEnd(len(doc.LineKinds))})
	}
	return out
}

// checkImgTags checks the <img> tags of an HTML fragment at offset base.
func checkImgTags(pass *lint.Pass, opts *ImageAltOptions, base int, html string) {
	for _, m := range imgTag.FindAllStringIndex(html, -1) {
		if inHTMLComment(html, m[0]) {
			continue
		}
		tag := html[m[0]:m[1]]
		src := ""
		if s := imgSrc.FindStringSubmatch(tag); s != nil {
			src = s[1] + s[2] + s[3]
		}
		a := imgAlt.FindStringSubmatch(tag)
		if a == nil {
			if strings.Contains(strings.ToLower(tag), `aria-hidden="true"`) || strings.Contains(strings.ToLower(tag), `role="presentation"`) {
				continue
			}
			pass.Report(lint.Diagnostic{Pos: base + m[0], End: base + m[1], Check: "empty",
				Message: "<img> has no alt attribute: describe the image in alt=\"...\" (or write alt=\"\" if it is purely decorative)"})
			continue
		}
		alt := a[1] + a[2] + a[3]
		if strings.TrimSpace(alt) == "" {
			continue // alt="": decorative
		}
		checkAlt(pass, opts, base+m[0], base+m[1], alt, src, false)
	}
}

// inHTMLComment reports whether off falls inside an HTML comment of s.
func inHTMLComment(s string, off int) bool {
	open := strings.LastIndex(s[:off], "<!--")
	return open >= 0 && !strings.Contains(s[open:off], "-->")
}

// checkAlt reports an alt text that does not describe the image.
func checkAlt(pass *lint.Pass, opts *ImageAltOptions, pos, end int, alt, dest string, markdown bool) {
	a := strings.TrimSpace(alt)
	if a == "" {
		if markdown && !opts.AllowEmptyAlt {
			pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: "empty",
				Message: "image has no alt text: describe what it shows, e.g. ![Diagram of the gut-skin axis](...)"})
		}
		return
	}
	switch {
	case altFileName.MatchString(a) || altCameraStamp.MatchString(a) || sameAsFileName(a, dest):
		pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: "file-name",
			Message: fmt.Sprintf("alt text %q is a file name or camera stamp, not a description: say what the image shows", a)})
	case opts.GenericWords && altGeneric.MatchString(a):
		pass.Report(lint.Diagnostic{Pos: pos, End: end, Check: "generic",
			Message: fmt.Sprintf("alt text %q only names the medium: say what the image shows", a)})
	}
}

// sameAsFileName reports alt text equal to the base name of the image's
// file, with or without its extension, ignoring case and separators
// ("ear-infection-diagram" for ear-infection-diagram.png).
func sameAsFileName(alt, dest string) bool {
	if dest == "" {
		return false
	}
	if u, err := url.Parse(dest); err == nil && u.Path != "" {
		dest = u.Path
	}
	base := path.Base(dest)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if stem == "" || stem == "." || stem == "/" {
		return false
	}
	norm := func(s string) string { return strings.ToLower(fileNameSeparators.Replace(s)) }
	// Only alt text that looks machine-made (one token with separators or
	// digits) counts: "Logo" for logo.png, "GPUView" for gpu-view.png and
	// "Dosing scenario 1" for dosing-scenario-1.png are words.
	if strings.ContainsAny(alt, " \t") || !strings.ContainsAny(alt, "-_0123456789") {
		return false
	}
	return norm(alt) == norm(stem) || norm(alt) == norm(base)
}
