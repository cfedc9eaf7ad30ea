#!/usr/bin/env bash
# compare.sh times medlint against the floor (a bare goldmark parse of the
# same files, internal/bench/parsefloor) and markdownlint-cli2 limited to its
# duplicate-heading and list rules, on the large corpus, and prints one
# table with the ratios of issue 8's targets:
#
#   1. medlint wall <= 2x the bare parse (same worker count), the parse
#      under medlint's garbage-collector pacing (parsefloor's default; issue
#      21 wants <= 1.5x), with the parse under Go's default pacing beside it
#   2. markdownlint-cli2 wall >= 20x medlint
#   3. medlint peak RSS <= 150 MB, and on the corpus copied 4 times within
#      20% of the 1x figure
#   4. one generated article (internal/bench/gencorpus -article) of 1, 2, 5
#      and 10 MB: the 10 MB one in at most 2 s, time linear in size
#   5. (when medlint has --no-cache) a cached run >= 10x faster than a cold one
#   6. one generated 20 MB article: peak RSS <= 10x its size and <= 2x the
#      bare parse of it (issue 21 item 4; BenchmarkMemory20MB has the heap)
#
# Each figure is the median of RUNS runs (default 3); target 1's runs are
# interleaved and its ratios are medians of the runs' paired ratios. The
# machine should be otherwise idle: the script prints the load average
# before and after.
#
# Usage: internal/bench/compare.sh [TARBALL]
# Environment: RUNS (3), MDL_RUNS (RUNS; markdownlint-cli2 takes minutes a run), JOBS (number of CPUs), MDL_VERSION (0.24.1), KEEP=1
# to keep the temporary directory, SKIP_MDL=1 to leave markdownlint-cli2 out
# (it takes minutes; target 2 is then not measured), FLOOR_ONLY=1 to
# measure target 1 alone (medlint against the floor; minutes, not tens).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
tarball=${1:-$repo/../shared/corpus/large/microsoft-docs.tar.gz}
runs=${RUNS:-3}
mdl_runs=${MDL_RUNS:-$runs}
jobs=${JOBS:-$(nproc)}
mdl_version=${MDL_VERSION:-0.24.1}
now=2026-11-25

[ -f "$tarball" ] || { echo "compare.sh: no corpus at $tarball" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "compare.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }
command -v npm >/dev/null || { echo "compare.sh: needs npm (for markdownlint-cli2)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/medlint-compare-XXXXXX")
if [ "${KEEP:-}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
log() { echo "compare.sh: $*" >&2; }

log "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs; work dir $work"
log "unpacking $tarball"
mkdir -p "$work/corpus" "$work/corpus4"
tar -xzf "$tarball" -C "$work/corpus"
floor_only=${FLOOR_ONLY:-}
[ -n "$floor_only" ] || for i in 1 2 3 4; do cp -al "$work/corpus" "$work/corpus4/copy$i"; done
files=$(find "$work/corpus" -name '*.md' | wc -l)
bytes=$(find "$work/corpus" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)

log "building medlint and parsefloor"
(cd "$repo" && go build -o "$work/medlint" ./cmd/medlint && go build -o "$work/parsefloor" ./internal/bench/parsefloor)
sizes=(1 2 5 10)
if [ -n "$floor_only" ]; then sizes=(); fi
log "generating articles of ${sizes[*]} MB"
for mb in "${sizes[@]}"; do (cd "$repo" && go run ./internal/bench/gencorpus -article "$mb" -o "$work/article-${mb}mb.md"); done
(cd "$repo" && go run ./internal/bench/gencorpus -article 20 -o "$work/article-20mb.md") # target 6

skip_mdl=${SKIP_MDL:-$floor_only}
[ -n "$skip_mdl" ] || log "installing markdownlint-cli2@$mdl_version"
[ -n "$skip_mdl" ] || npm install --silent --no-audit --no-fund --prefer-offline --prefix "$work/mdl" "markdownlint-cli2@$mdl_version" >/dev/null
cat >"$work/corpus/.markdownlint-cli2.jsonc" <<'JSON'
{
  "config": {
    "default": false,
    "MD024": true, "MD004": true, "MD005": true, "MD007": true,
    "MD029": true, "MD030": true, "MD032": true
  },
  "noProgress": true
}
JSON

# once NAME CMD...: runs CMD once (output discarded, exit status ignored)
# and appends its wall, CPU (user+sys) and peak RSS to NAME's lists.
# median LIST...: the median of the numbers.
# measure NAME CMD...: runs CMD $runs times and records the medians.
declare -A wall cpu rss walls cpus rsss
once() {
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
	read -r e u s m < <(tail -1 "$work/time")
	walls[$name]+="$e "
	cpus[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') "
	rsss[$name]+="$m "
}
median() {
	local n=$#
	printf '%s\n' "$@" | sort -g | sed -n "$(((n + 1) / 2))p"
}
settle() {
	local name=$1
	# shellcheck disable=SC2086 # the lists are space-separated numbers
	wall[$name]=$(median ${walls[$name]}) cpu[$name]=$(median ${cpus[$name]}) rss[$name]=$(median ${rsss[$name]})
	log "$name: wall ${walls[$name]}s, CPU ${cpus[$name]}s, RSS ${rsss[$name]}KB"
}
measure() {
	local name=$1
	shift
	for _ in $(seq "$runs"); do once "$name" "$@"; done
	settle "$name"
}
# paired A B: the median over the runs of A's figure / B's in the same
# round (wall, then CPU): rounds run A and B one after the other, so a
# change in the machine's load between rounds cancels out.
paired() {
	local a=$1 b=$2 field
	for field in walls cpus; do
		local -n lists=$field
		# shellcheck disable=SC2086
		median $(paste -d' ' <(tr ' ' '\n' <<<"${lists[$a]}" | sed '/^$/d') <(tr ' ' '\n' <<<"${lists[$b]}" | sed '/^$/d') |
			awk '{ printf "%.3f\n", $1 / $2 }')
	done
}

cache_flags=(--no-cache)
has_cache=false
if "$work/medlint" check --help 2>&1 | grep -q -- '--no-cache'; then has_cache=true; else cache_flags=(); fi
# run-medlint DIR [FLAG...]: what is timed for medlint. The report goes to
# a file: never -o /dev/null, which check replaces (it writes a temporary
# file beside the output and renames it over it).
cat >"$work/run-medlint" <<SH
#!/bin/sh
dir=\$1
shift
cd "\$dir" && XDG_CACHE_HOME="$work/cache" exec "$work/medlint" check --no-config --now $now -j $jobs --format json -o "$work/report.json" "\$@" .
SH
cat >"$work/run-markdownlint" <<SH
#!/bin/sh
cd "$work/corpus" && exec "$work/mdl/node_modules/.bin/markdownlint-cli2" '**/*.md'
SH
chmod +x "$work/run-medlint" "$work/run-markdownlint"

log "measuring ($runs runs each)"
# Target 1's three runs are interleaved, round by round, and their ratios
# paired by round: the machine's load may change during the measurement.
for _ in $(seq "$runs"); do
	once floor "$work/parsefloor" -j "$jobs" "$work/corpus"
	once medlint "$work/run-medlint" "$work/corpus" "${cache_flags[@]}"
	once floor_gogc "$work/parsefloor" -j "$jobs" -gc default "$work/corpus"
done
settle floor
settle floor_gogc
settle medlint
mapfile -t pair_floor < <(paired medlint floor)
mapfile -t pair_gogc < <(paired medlint floor_gogc)
mapfile -t pair_gc < <(paired floor_gogc floor)
if [ -n "$floor_only" ]; then has_cache=false; else measure medlint4x "$work/run-medlint" "$work/corpus4" "${cache_flags[@]}"; fi
if $has_cache; then
	"$work/run-medlint" "$work/corpus" >/dev/null 2>&1 || true # fill the cache
	measure cached "$work/run-medlint" "$work/corpus"
fi
for mb in "${sizes[@]}"; do
	measure "article${mb}" "$work/medlint" check --no-config --no-cache --now $now -j "$jobs" --format json -o "$work/article.json" "$work/article-${mb}mb.md"
done
measure big20 "$work/medlint" check --no-config --no-cache --now $now -j "$jobs" --format json -o "$work/article.json" "$work/article-20mb.md"
measure big20_floor "$work/parsefloor" -j "$jobs" "$work/article-20mb.md"
measure big20_floor_gogc "$work/parsefloor" -j "$jobs" -gc default "$work/article-20mb.md"
if [ -z "$skip_mdl" ]; then runs=$mdl_runs measure markdownlint "$work/run-markdownlint"; fi
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '\nLarge corpus: %s files, %s MB; %s workers; median of %s runs\n\n' "$files" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')" "$jobs" "$runs"
printf '| %-34s | %8s | %8s | %9s |\n' "run" "wall s" "CPU s" "peak RSS"
printf '|%s|%s|%s|%s|\n' "------------------------------------" "---------:" "---------:" "----------:"
row() { printf '| %-34s | %8s | %8s | %6s MB |\n' "$1" "${wall[$2]}" "${cpu[$2]}" "$(mb "${rss[$2]}")"; }
row "medlint check (cold)" medlint
if $has_cache; then row "medlint check (cached)" cached; fi
[ -n "$floor_only" ] || row "medlint check, corpus x4 (cold)" medlint4x
row "bare goldmark parse, medlint's GC" floor
row "bare goldmark parse, default GC" floor_gogc
if [ -z "$skip_mdl" ]; then row "markdownlint-cli2 $mdl_version (7 rules)" markdownlint; fi
printf '\n'
printf 'target 1  medlint / bare parse (same GC as medlint), median of paired runs:\n'
printf '            wall %sx (want <= 2; issue 21 wants <= 1.5), CPU %sx\n' "${pair_floor[0]}" "${pair_floor[1]}"
printf '            (ratio of the medians: wall %sx, CPU %sx)\n' "$(ratio "${wall[medlint]}" "${wall[floor]}")" "$(ratio "${cpu[medlint]}" "${cpu[floor]}")"
printf '          medlint / bare parse under Go'"'"'s default GC (the old floor): wall %sx, CPU %sx\n' "${pair_gogc[0]}" "${pair_gogc[1]}"
printf '          the parse, default GC / medlint'"'"'s GC: wall %sx, CPU %sx\n' "${pair_gc[0]}" "${pair_gc[1]}"
if [ -n "$floor_only" ]; then exit 0; fi
if [ -z "$skip_mdl" ]; then
	printf 'target 2  markdownlint-cli2 / medlint, wall: %sx (want >= 20)\n' "$(ratio "${wall[markdownlint]}" "${wall[medlint]}")"
else
	printf 'target 2  not measured (SKIP_MDL)\n'
fi
printf 'target 3  medlint peak RSS:                  %s MB (want <= 150)\n' "$(mb "${rss[medlint]}")"
printf '          RSS corpus x4 / x1:                %sx (want <= 1.20)\n' "$(ratio "${rss[medlint4x]}" "${rss[medlint]}")"
printf 'target 4  one generated article (medlint check, same workers):\n'
for mb in "${sizes[@]}"; do
	printf '          %2s MB: %5s s wall, %5s s CPU, %6s MB peak RSS, %s s per MB\n' "$mb" "${wall[article$mb]}" "${cpu[article$mb]}" \
		"$(mb "${rss[article$mb]}")" "$(ratio "${wall[article$mb]}" "$mb")"
done
printf '          10 MB article: %s s (want <= 2)\n' "${wall[article10]}"
if $has_cache; then
	printf 'target 5  cold / cached, wall:               %sx (want >= 10)\n' "$(ratio "${wall[medlint]}" "${wall[cached]}")"
else
	printf 'target 5  no cached row: this medlint has no --no-cache flag (the cache is not merged yet)\n'
fi
big20_size=$(stat -c %s "$work/article-20mb.md")
printf 'target 6  one %s MB article: %s MB peak RSS, %sx its size (want <= 10)\n' "$(awk -v b="$big20_size" 'BEGIN { printf "%.1f", b / 1e6 }')" \
	"$(mb "${rss[big20]}")" "$(awk -v k="${rss[big20]}" -v b="$big20_size" 'BEGIN { printf "%.1f", k * 1024 / b }')"
printf '          against its bare parse: %sx (%s MB, medlint'"'"'s GC; want <= 2), %sx (%s MB, default GC)\n' \
	"$(ratio "${rss[big20]}" "${rss[big20_floor]}")" "$(mb "${rss[big20_floor]}")" "$(ratio "${rss[big20]}" "${rss[big20_floor_gogc]}")" "$(mb "${rss[big20_floor_gogc]}")"
