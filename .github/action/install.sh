#!/usr/bin/env bash
# The action's "Build medlint" step: builds medlint from the action's own
# checkout (ACTION_PATH, the ref the workflow pinned), never from another
# copy, into RUNNER_TEMP/medlint-bin, and puts that directory on the PATH of
# the later steps (GITHUB_PATH). The modules come from go.sum as committed
# (-mod=readonly).
set -euo pipefail
: "${ACTION_PATH:?}" "${RUNNER_TEMP:?}" "${GITHUB_PATH:?}"

if [ -n "${INPUT_VERSION:-}" ]; then
  echo "medlint: the version input ($INPUT_VERSION) is ignored: medlint is built from the action's own checkout; pin the version in uses: medlint/medlint@REF"
fi
bin="$RUNNER_TEMP/medlint-bin"
mkdir -p "$bin"
(cd "$ACTION_PATH" && CGO_ENABLED=0 go build -mod=readonly -trimpath -o "$bin/medlint" ./cmd/medlint)
echo "$bin" >>"$GITHUB_PATH"
"$bin/medlint" version
