// Package release holds the tests of the reproducible release build,
// .ci/release and the archiver it runs (.ci/archive.go): that the same tag
// built twice, from two clones in different directories, gives
// byte-identical archives and checksums.txt; that `sha256sum -c` accepts
// the checksums; that the archives hold what a user unpacks (the binary,
// README.md) with fixed metadata; that the binary reports the tag as its
// version; and that the build takes the tagged tree, not the working
// tree. It has no code of its own.
package release
