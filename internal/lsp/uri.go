package lsp

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// uriToPath returns the file-system path a file: URI names, or "" for
// any other URI (untitled:, a virtual file system) and for one that does
// not parse.
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || !strings.EqualFold(u.Scheme, "file") || u.Path == "" {
		return ""
	}
	p := u.Path
	// file:///c:/dir on Windows: the drive letter follows the slash.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' && isLetter(p[1]) {
		p = p[1:]
	}
	if u.Host != "" && u.Host != "localhost" {
		p = "//" + u.Host + p // a UNC path
	}
	return filepath.Clean(filepath.FromSlash(p))
}

func isLetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

// pathToURI returns the file: URI of an absolute path.
func pathToURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // c:/dir
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// uriName returns a name for the document at a URI that names no file,
// for the configuration's globs and the messages: the last element of
// its path ("Untitled-1"), else "untitled.md".
func uriName(uri string) string {
	u, err := url.Parse(uri)
	if err == nil {
		p := u.Path
		if p == "" {
			p = u.Opaque
		}
		if base := path.Base(p); base != "." && base != "/" && base != "" {
			return base
		}
	}
	return "untitled.md"
}
