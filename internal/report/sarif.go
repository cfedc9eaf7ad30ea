package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/medlint/medlint/internal/lint"
	"github.com/medlint/medlint/internal/result"
	"github.com/medlint/medlint/internal/ruledoc"
	"github.com/medlint/medlint/internal/version"
)

func init() { register("sarif", func(o Options) Formatter { return &SARIF{opts: o} }) }

// SARIF writes a SARIF 2.1.0 log (OASIS Static Analysis Results
// Interchange Format), the format GitHub code scanning and most IDE
// viewers read.
type SARIF struct{ opts Options }

// NeedsLines implements LineConsumer: fingerprints hash the flagged line.
func (*SARIF) NeedsLines() bool { return true }

// Constants of the SARIF log.
const (
	SARIFVersion = "2.1.0"
	SARIFSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// SARIFSrcRoot is the uriBaseId of every artifact: the repository root.
	SARIFSrcRoot = "%SRCROOT%"
	// SARIFFingerprintKey names medlint's partial fingerprint; the "/v1"
	// changes only if the hashed fields change.
	SARIFFingerprintKey = "medlintFindingHash/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifMultiformat   `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           *sarifRuleProps    `json:"properties,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	default:
		return "note"
	}
}

// Format implements Formatter.
func (s *SARIF) Format(w io.Writer, rep *result.Report) error {
	all := s.opts.Rules
	index := make(map[string]int, len(all))
	driver := sarifDriver{
		Name: version.Name, Version: version.Version, InformationURI: version.InformationURI,
		Rules: make([]sarifRule, 0, len(all)),
	}
	for i, r := range all {
		m := r.Meta()
		index[m.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   m.ID,
			Name:                 camel(m.ID),
			ShortDescription:     sarifText{Text: m.Summary},
			FullDescription:      sarifText{Text: ruledoc.Description(r)},
			Help:                 sarifMultiformat{Text: ruledoc.Text(r), Markdown: ruledoc.Markdown(r)},
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(m.Severity)},
			Properties:           &sarifRuleProps{Tags: []string{"health-content"}},
		})
	}
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(rep.Errors) == 0}},
		ColumnKind:  "unicodeCodePoints",
		Results:     make([]sarifResult, 0, len(rep.Findings)),
	}
	for _, fe := range rep.Errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: fe.Message}}
		if fe.Rule != "" {
			n.Message.Text = fe.Rule + ": " + fe.Message
		}
		loc := s.location(fe.Path)
		if fe.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: fe.Line}
		}
		n.Locations = []sarifLocation{loc}
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, n)
	}
	seen := map[string]int{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		res := sarifResult{
			RuleID:    f.Rule,
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{s.location(f.Path)},
		}
		if idx, ok := index[f.Rule]; ok {
			res.RuleIndex = &idx
		}
		endLine, endCol := f.EndLine, f.EndColumn
		if endLine < f.Line || (endLine == f.Line && endCol < f.Column) {
			endLine, endCol = f.Line, f.Column
		}
		res.Locations[0].PhysicalLocation.Region = &sarifRegion{
			StartLine: max(f.Line, 1), StartColumn: max(f.Column, 1),
			EndLine: max(endLine, 1), EndColumn: max(endCol, 1),
		}
		props := map[string]any{}
		if f.Check != "" {
			props["check"] = f.Check
		}
		if f.Fixable {
			props["fixable"] = true
		}
		if len(props) > 0 {
			res.Properties = props
		}
		path, _ := s.opts.repoPath(f.Path)
		hash := Fingerprint(f, path)
		seen[hash]++
		res.PartialFingerprints = map[string]string{SARIFFingerprintKey: fmt.Sprintf("%s:%d", hash, seen[hash])}
		run.Results = append(run.Results, res)
	}
	log := sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func (s *SARIF) location(display string) sarifLocation {
	path, inRepo := s.opts.repoPath(display)
	art := sarifArtifact{URI: fileURI(path, inRepo)}
	if inRepo {
		art.URIBaseID = SARIFSrcRoot
	}
	return sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: art}}
}

// Fingerprint identifies a finding across runs without its line number, so
// that it survives edits elsewhere in the file: a hash of the rule, the
// sub-check, the repository-relative path, the flagged line's text with
// whitespace normalised, and the message with its numbers blanked (messages
// often cite other line numbers, which move with unrelated edits).
// Identical findings on identical lines share a fingerprint; the
// SARIF report numbers them in order of appearance.
func Fingerprint(f *result.Finding, repoPath string) string {
	h := sha256.New()
	line := ""
	if len(f.Lines) > 0 {
		line = strings.Join(strings.Fields(f.Lines[0]), " ")
	}
	msg := digits.ReplaceAllString(f.Message, "0")
	for _, part := range []string{f.Rule, f.Check, repoPath, line, msg} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

var digits = regexp.MustCompile(`[0-9]+`)

// camel turns a kebab-case rule id into the PascalCase name SARIF viewers
// show ("duplicate-heading" -> "DuplicateHeading").
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
