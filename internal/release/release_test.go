package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/medlint/medlint/internal/testsupport"
	"github.com/medlint/medlint/internal/version"
)

// epoch is the committer time of the test's tagged commit.
const epoch = 1765000000

// tag is the release the tests cut: not the default version
// (internal/version), so the version the binary prints comes from the tag.
const tag = "v1.2.3-rc.1"

// targets are the host (whose binary the test runs) and a Windows target
// (a .zip archive).
func targets() []string {
	host := runtime.GOOS + "/" + runtime.GOARCH
	if runtime.GOOS == "windows" {
		return []string{host, "linux/arm64"}
	}
	return []string{host, "windows/arm64"}
}

func need(t *testing.T, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			testsupport.Unavailable(t, "%s not found: the release test needs it", p)
		}
	}
}

// clone makes a git repository in a new directory holding the module's
// files as they are now (tracked and untracked, not ignored), committed at
// epoch and tagged tag.
func clone(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "medlint")
	for _, name := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "release test")
	git(t, dir, "tag", "-a", tag, "-m", tag)
	return dir
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=medlint", "-c", "user.email=medlint@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
	date := time.Unix(epoch, 0).UTC().Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// release runs .ci/release in dir into out; env is added to the
// environment.
func release(t *testing.T, dir, out string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(dir, ".ci", "release"), tag, out)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"RELEASE_TARGETS=" + strings.Join(targets(), " ")}, env...)...)
	cmd.Env = slices.DeleteFunc(cmd.Env, func(kv string) bool { return strings.HasPrefix(kv, "SOURCE_DATE_EPOCH=") })
	b, err := cmd.CombinedOutput()
	return string(b), err
}

func archiveNames() []string {
	var out []string
	for _, tg := range targets() {
		goos, goarch, _ := strings.Cut(tg, "/")
		name := "medlint_1.2.3-rc.1_" + goos + "_" + goarch
		if goos == "windows" {
			out = append(out, name+".zip")
		} else {
			out = append(out, name+".tar.gz")
		}
	}
	return out
}

// TestReleaseIsReproducible cuts the same tag from two clones in different
// directories and compares the results byte for byte. Under CI the second
// build starts from an empty Go build cache, so that the binaries are
// built twice rather than taken from the cache.
func TestReleaseIsReproducible(t *testing.T) {
	t.Parallel()
	need(t, "git", "bash", "tar", "sha256sum", "go")
	a, b := clone(t), clone(t)
	// The working tree is not what is built: a broken file after tagging
	// changes nothing.
	if err := os.WriteFile(filepath.Join(b, "cmd", "medlint", "main.go"), []byte("package main\n\nthis does not compile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outA, outB := filepath.Join(t.TempDir(), "dist"), filepath.Join(t.TempDir(), "out", "dist")
	if log, err := release(t, a, outA); err != nil {
		t.Fatalf(".ci/release %s: %v\n%s", tag, err, log)
	}
	var env []string
	if testsupport.CI() {
		env = append(env, "GOCACHE="+t.TempDir())
	} else {
		t.Log("the second build uses the Go build cache (with CI=true it starts from an empty one)")
	}
	if log, err := release(t, b, outB, env...); err != nil {
		t.Fatalf(".ci/release %s (second clone): %v\n%s", tag, err, log)
	}
	for _, name := range append(archiveNames(), "checksums.txt") {
		da, err := os.ReadFile(filepath.Join(outA, name))
		if err != nil {
			t.Fatalf("the release lacks %s: %v", name, err)
		}
		db, err := os.ReadFile(filepath.Join(outB, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(da, db) {
			t.Errorf("%s differs between two builds of %s (%d and %d bytes)", name, tag, len(da), len(db))
		}
	}
	checkChecksums(t, outA)
	for _, name := range archiveNames() {
		checkArchive(t, filepath.Join(outA, name))
	}
	checkVersion(t, filepath.Join(outA, archiveNames()[0]))
}

// checkChecksums runs sha256sum -c on checksums.txt and checks that it
// lists every archive, sorted.
func checkChecksums(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command("sha256sum", "--strict", "-c", "checksums.txt")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c checksums.txt: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		hash, name, ok := strings.Cut(line, "  ")
		if !ok || len(hash) != 64 {
			t.Errorf("checksums.txt: line %q is not HASH  NAME", line)
		}
		names = append(names, name)
	}
	want := slices.Sorted(slices.Values(archiveNames()))
	if !slices.Equal(names, want) {
		t.Errorf("checksums.txt lists %v, want %v", names, want)
	}
}

// member is what the test reads of an archive entry.
type member struct {
	name     string
	mode     os.FileMode
	mtime    time.Time
	owner    string // uid/gid and names (tar)
	contents []byte
}

// checkArchive checks the entries of a release archive: NAME/, then
// NAME/README.md and the binary, sorted, with fixed modes, owner and time.
func checkArchive(t *testing.T, path string) {
	t.Helper()
	base := filepath.Base(path)
	name := strings.TrimSuffix(strings.TrimSuffix(base, ".tar.gz"), ".zip")
	exe := "medlint"
	if strings.Contains(name, "_windows_") {
		exe = "medlint.exe"
	}
	members := readArchive(t, path)
	var names []string
	for _, m := range members {
		names = append(names, m.name)
		if !m.mtime.Equal(time.Unix(epoch, 0)) {
			t.Errorf("%s: %s has time %v, want the commit time %v", base, m.name, m.mtime.UTC(), time.Unix(epoch, 0).UTC())
		}
		if m.owner != "" && m.owner != "0:0::" {
			t.Errorf("%s: %s is owned by %s, want 0:0 with no names", base, m.name, m.owner)
		}
	}
	want := []string{name + "/", name + "/README.md", name + "/" + exe}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("%s holds %v, want %v", base, names, want)
	}
	modes := map[string]os.FileMode{name + "/": os.ModeDir | 0o755, name + "/README.md": 0o644, name + "/" + exe: 0o755}
	for _, m := range members {
		if m.mode != modes[m.name] {
			t.Errorf("%s: %s has mode %v, want %v", base, m.name, m.mode, modes[m.name])
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(members, func(m member) bool { return m.name == name+"/README.md" }); !bytes.Equal(members[i].contents, readme) {
		t.Errorf("%s: README.md is not the repository's README.md", base)
	}
}

func readArchive(t *testing.T, path string) []member {
	t.Helper()
	if strings.HasSuffix(path, ".zip") {
		return readZip(t, path)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("%s: the gzip header records name %q and time %v, want none", path, gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var out []member
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		owner := strings.Join([]string{strconv.Itoa(h.Uid), strconv.Itoa(h.Gid), h.Uname, h.Gname}, ":")
		out = append(out, member{name: h.Name, mode: h.FileInfo().Mode(), mtime: h.ModTime, owner: owner, contents: data})
	}
}

func readZip(t *testing.T, path string) []member {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer zr.Close()
	var out []member
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, member{name: f.Name, mode: f.Mode(), mtime: f.Modified, contents: data})
	}
	return out
}

// checkVersion unpacks the host's archive and runs its medlint version,
// which must print the tag without its v. The binary must carry a Go build
// ID: the result cache names the build by it, and without one it hashes
// the whole executable on every run (a cached check of the seed article
// took 32 ms so, 21 ms with the ID, on the project's machine).
func checkVersion(t *testing.T, path string) {
	t.Helper()
	dir := t.TempDir()
	for _, m := range readArchive(t, path) {
		if strings.HasSuffix(m.name, "/medlint") || strings.HasSuffix(m.name, "/medlint.exe") {
			bin := filepath.Join(dir, filepath.Base(m.name))
			if err := os.WriteFile(bin, m.contents, 0o755); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "version").CombinedOutput()
			if err != nil {
				t.Fatalf("%s version: %v\n%s", m.name, err, out)
			}
			if got, want := strings.TrimSpace(string(out)), "medlint 1.2.3-rc.1"; got != want {
				t.Errorf("%s version prints %q, want %q (the tag %s)", m.name, got, want, tag)
			}
			id, err := exec.Command("go", "tool", "buildid", bin).CombinedOutput()
			if err != nil || strings.TrimSpace(string(id)) == "" {
				t.Errorf("%s has no Go build ID (go tool buildid: %v, %q): keep -buildid= out of .ci/release's ldflags", m.name, err, id)
			}
			return
		}
	}
	t.Fatalf("%s holds no medlint binary", path)
}

// TestReleaseNeedsATag checks that a name that is not a release tag, or a
// tag that does not exist, stops the build with exit 2 and says why.
func TestReleaseNeedsATag(t *testing.T) {
	t.Parallel()
	need(t, "git", "bash")
	for _, tc := range []struct{ arg, want string }{
		{"1.2.3", "not a release tag"},
		{"v1.2", "not a release tag"},
		{"v9.9.9", "no tag v9.9.9"},
	} {
		cmd := exec.Command("bash", "../../.ci/release", tc.arg, t.TempDir())
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), tc.want) {
			t.Errorf(".ci/release %s: %v %q, want exit 2 and %q", tc.arg, err, out, tc.want)
		}
	}
}

// TestArchiverVets keeps .ci/archive.go, which ./... does not reach (a
// directory starting with a dot), as clean as the packages.
func TestArchiverVets(t *testing.T) {
	t.Parallel()
	if out, err := exec.Command("go", "vet", "../../.ci/archive.go").CombinedOutput(); err != nil {
		t.Errorf("go vet .ci/archive.go: %v\n%s", err, out)
	}
}

// TestReadmePinsTheVersion checks that every version the README pins
// (the action, the pre-commit rev, go install) is the version medlint
// reports, so that the tag cut for it is the one users are told to use.
func TestReadmePinsTheVersion(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	pins := regexp.MustCompile(`(?:medlint/medlint@|cmd/medlint@|rev: |medlint/medlint/)(v[0-9][^\s)/`+"`"+`]*)`).FindAllSubmatch(readme, -1)
	if len(pins) < 3 {
		t.Fatalf("the README pins %d versions, want the action, pre-commit and go install ones", len(pins))
	}
	for _, m := range pins {
		if got, want := string(m[1]), "v"+version.Version; got != want {
			t.Errorf("the README pins %s, want %s (internal/version): %s", got, want, m[0])
		}
	}
}
