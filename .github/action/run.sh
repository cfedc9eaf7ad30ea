#!/usr/bin/env bash
# The action's "Run medlint" step. It lints once, into a JSON report, and
# renders that report (medlint merge) as:
#   - workflow commands on standard output, which become annotations;
#   - a Markdown job summary appended to GITHUB_STEP_SUMMARY (unless
#     INPUT_SUMMARY is false);
#   - a SARIF log at INPUT_SARIF, when set.
# When more annotations of one kind than GitHub shows for a step are
# written, it says so and points to the summary. The step's outputs
# (findings, report, sarif) go to GITHUB_OUTPUT. The exit code is
# medlint check's: 0 clean, 1 a finding at or above INPUT_FAIL_ON, 2 an
# error.
#
# Inputs arrive through the environment, never spliced into a script, so
# a path or an argument cannot inject commands; INPUT_PATHS and INPUT_ARGS
# are split on white space.
set -euo pipefail
: "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}"

# GitHub shows this many error, warning and notice annotations of a step
# (and 50 of a job): actions/toolkit's documentation of annotations.
per_step=10

out="$RUNNER_TEMP/medlint"
mkdir -p "$out"
report="$out/report.json"
rm -f "$report"

args=(check --format json --output "$report" --fail-on "${INPUT_FAIL_ON:-error}")
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
read -r -a extra <<<"$(printf '%s' "${INPUT_ARGS:-}" | tr '\n' ' ')"
read -r -a paths <<<"$(printf '%s' "${INPUT_PATHS:-.}" | tr '\n' ' ')"
if [ ${#paths[@]} -eq 0 ]; then
  paths=(.)
fi

rc=0
medlint "${args[@]}" "${extra[@]}" -- "${paths[@]}" || rc=$?
if [ ! -s "$report" ]; then
  # A usage or configuration error: medlint said why on standard error.
  exit "$rc"
fi
echo "report=$report" >>"$GITHUB_OUTPUT"
findings="$(grep -m1 -o '"findings": [0-9]*' "$report" | grep -o '[0-9]*$')"
echo "findings=$findings" >>"$GITHUB_OUTPUT"

# render FORMAT [ARGS...]: the report in FORMAT on standard output. Its
# exit code is not the run's (2 for a report with file errors, which check
# already printed, as merge would again): the caller checks the output, and
# shows merge's standard error only when there is none.
render() {
  local format="$1"
  shift
  medlint merge --format "$format" --fail-on none --quiet "$@" "$report" 2>"$out/merge.err" || true
}

summary="$out/summary.md"
render markdown >"$summary"
if [ ! -s "$summary" ]; then
  cat "$out/merge.err" >&2
  echo "medlint: could not render the report $report" >&2
  exit 2
fi

annotations="$out/annotations.txt"
render github >"$annotations"
cat "$annotations"

count() { grep -c "^::$1 " "$annotations" || true; }
errors="$(count error)"
warnings="$(count warning)"
notices="$(count notice)"
if [ "$errors" -gt "$per_step" ] || [ "$warnings" -gt "$per_step" ] || [ "$notices" -gt "$per_step" ]; then
  where="the log above lists every finding"
  if [ "${INPUT_SUMMARY:-true}" != false ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    where="the job summary counts them all by rule and file and lists the first 50, and the log above lists every finding"
  fi
  echo "medlint: $errors error, $warnings warning and $notices notice annotations: GitHub shows $per_step of each kind for a step (and 50 for a job), so the pull request does not show them all; $where"
fi

if [ "${INPUT_SUMMARY:-true}" != false ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$summary" >>"$GITHUB_STEP_SUMMARY"
fi

if [ -n "${INPUT_SARIF:-}" ]; then
  mkdir -p "$(dirname "$INPUT_SARIF")"
  render sarif --output "$INPUT_SARIF"
  if [ ! -s "$INPUT_SARIF" ]; then
    cat "$out/merge.err" >&2
    echo "medlint: could not write the SARIF log $INPUT_SARIF" >&2
    exit 2
  fi
  echo "sarif=$INPUT_SARIF" >>"$GITHUB_OUTPUT"
fi

exit "$rc"
