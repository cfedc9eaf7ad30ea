// Package version holds medlint's version, reported by `medlint version`
// and in every report.
package version

// Version is the release version; release builds may override it with
// -ldflags "-X github.com/medlint/medlint/internal/version.Version=...".
var Version = "0.1.0"

// Name is the tool's name in reports.
const Name = "medlint"

// InformationURI is where users read about medlint.
const InformationURI = "https://github.com/medlint/medlint"
