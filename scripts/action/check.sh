#!/usr/bin/env bash
# The Action's check (action.yml): `parrainage check` on the ledgers that
# the `paths` input names, at most 50 problems annotated (all of them in
# the log), a fatal error annotated too; then a Markdown summary of the
# check, and of the candidate's report, in the job summary. Reads PATHS,
# DENY_WARNINGS and CANDIDATE, which the step maps from the inputs.
set -euo pipefail

# shellcheck source=scripts/action/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# deny-warnings: true or false in any case (TRUE, False), as YAML writes them.
deny_warnings=$(printf '%s' "${DENY_WARNINGS:-false}" | tr '[:upper:]' '[:lower:]')
case "$deny_warnings" in
    true | false | "") ;;
    *)
        echo "::error title=parrainage check::deny-warnings: $(escape "$DENY_WARNINGS") is not true or false"
        exit 2
        ;;
esac

# The paths: split on spaces and line ends, each word expanded by the shell
# as a glob (ledger/*.csv, and ledger/**/*.csv where bash has globstar); a
# pattern that matches nothing stays as it is, for the tool to name it.
shopt -s globstar 2>/dev/null || true
paths=()
IFS=$' \t\n'
# shellcheck disable=SC2086 # split and expanded on purpose
for path in ${PATHS:-}; do
    paths+=("$path")
done
ledgers=()
for path in ${paths[@]+"${paths[@]}"}; do
    ledgers+=("--ledger=$path")
done

flags=()
if [ "$deny_warnings" = true ]; then
    flags+=(--deny-warnings)
fi

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
status=0
parrainage check --format github --max-annotations 50 ${flags[@]+"${flags[@]}"} -- ${paths[@]+"${paths[@]}"} 2>"$errors" || status=$?
cat "$errors" >&2
if [ "$status" -ge 2 ]; then
    said=$(cat "$errors")
    echo "::error title=parrainage check failed (exit $status)::$(escape "${said:-parrainage check stopped with exit status $status}")"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    if [ "$status" -ge 2 ]; then
        {
            printf '## parrainage check\n\nThe check could not run (exit %s):\n\n' "$status"
            sed 's/^/    /' "$errors"
        } >>"$GITHUB_STEP_SUMMARY"
    else
        parrainage check --format markdown -- ${paths[@]+"${paths[@]}"} >>"$GITHUB_STEP_SUMMARY" 2>/dev/null || true
        # The candidate's report: the input's, else the settings', else the
        # ledger's only one; a ranking of several is left out.
        report=(${CANDIDATE:+--candidate "$CANDIDATE"} ${ledgers[@]+"${ledgers[@]}"})
        if ! command -v jq >/dev/null 2>&1; then
            echo "::notice title=parrainage report::jq is not installed: the candidate's report is left out of the job summary"
        elif json=$(parrainage report --format json ${report[@]+"${report[@]}"} 2>"$errors"); then
            if [ "$(jq '.candidates | length' <<<"$json")" = 1 ]; then
                {
                    echo
                    parrainage report --format markdown ${report[@]+"${report[@]}"}
                } >>"$GITHUB_STEP_SUMMARY" 2>/dev/null || true
            fi
        elif [ "$status" -eq 0 ]; then
            # When the check fails, it says why the report cannot be made.
            echo "::warning title=parrainage report::$(escape "$(cat "$errors")")"
        fi
    fi
fi
exit "$status"
