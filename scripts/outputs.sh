#!/usr/bin/env bash
# Runs every command, in every format and both languages, on the shipped
# fixtures (and on the real files of ../shared/data where they are), and
# writes what each printed (stdout, stderr, exit status, and the files a
# writer changed) into OUT_DIR, one file per run. Two builds compared with
# `diff -r` (or `cmp`) show whether a change of the code changed any
# output: a refactoring must change none.
#
#   scripts/outputs.sh BINARY OUT_DIR
#   diff -r OUT_BEFORE OUT_AFTER && echo "no output changed"
set -uo pipefail
bin=$(realpath "${1:?usage: scripts/outputs.sh BINARY OUT_DIR}")
out=$(realpath -m "${2:?usage: scripts/outputs.sh BINARY OUT_DIR}")
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$root/fixtures
shared=$root/../shared/data
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=0

# run NAME [ARGS...]: one run, in the scratch directory, "today" fixed.
run() {
    local name=$1
    shift
    (cd "$work" && env -i PATH="$PATH" HOME="$work" LANG=C NO_COLOR=1 \
        "$bin" --as-of "${AS_OF:-2022-02-16}" "$@" >"$out/$name.out" 2>"$out/$name.err")
    echo "$?" >"$out/$name.status"
    # Paths of the scratch directory are the same in every run.
    sed -i -E "s#$work#WORK#g; s#torn-[0-9]{8}-[0-9]{6}#torn-TIME#g" "$out/$name.out" "$out/$name.err"
    count=$((count + 1))
}

# fresh: a scratch copy of the campaign ledger and its settings.
fresh() {
    rm -rf "${work:?}"/*
    cp "$fixtures/campaign/parrainages.csv" "$fixtures/campaign/parrainage.toml" "$work/"
}

snapshot() { cp "$work/parrainages.csv" "$out/$1.ledger" 2>/dev/null; }

for lang in en fr; do
    fresh
    for format in table json csv markdown html; do
        run "report-$format-$lang" --lang "$lang" report --format "$format"
        run "report-all-$format-$lang" --lang "$lang" report --all --format "$format"
        run "report-since-$format-$lang" --lang "$lang" report --since 2022-02-08 --format "$format"
    done
    for by in mandate department date candidate; do
        run "report-by-$by-$lang" --lang "$lang" report --by "$by"
        run "report-by-$by-csv-$lang" --lang "$lang" report --by "$by" --format csv
    done
    for official in cc-2017-sample.csv cc-2022-sample.csv cc-2022-sample.json; do
        for format in table json markdown csv; do
            AS_OF=2022-03-08 run "official-$official-$format-$lang" --lang "$lang" \
                report --all --ledger "$fixtures/official/$official" --format "$format"
        done
        AS_OF=2022-03-08 run "official-$official-check-$lang" --lang "$lang" \
            check "$fixtures/official/$official"
        AS_OF=2022-03-08 run "official-$official-list-$lang" --lang "$lang" \
            list --ledger "$fixtures/official/$official"
    done
    for broken in "$fixtures"/broken/*.csv; do
        name=$(basename "$broken" .csv)
        for format in table json github markdown; do
            run "check-$name-$format-$lang" --lang "$lang" check --format "$format" "$broken"
        done
        run "report-$name-$lang" --lang "$lang" report --ledger "$broken"
        run "list-$name-$lang" --lang "$lang" list --ledger "$broken"
    done
    run "check-register-$lang" --lang "$lang" check --register "$fixtures/register"
    for format in table csv json; do
        run "list-$format-$lang" --lang "$lang" list --format "$format"
        run "list-filtered-$format-$lang" --lang "$lang" list --status claimed,sent --mandate mayor --format "$format"
        run "prospects-$format-$lang" --lang "$lang" prospects --register "$fixtures/register" --format "$format"
        run "prospects-filtered-$format-$lang" --lang "$lang" prospects --register "$fixtures/register" \
            --department 02 --mandate mayor --format "$format"
        run "register-$format-$lang" --lang "$lang" register --register "$fixtures/register" --format "$format"
    done
    for format in table json markdown csv; do
        run "diff-$format-$lang" --lang "$lang" diff "$fixtures/import/cc-2022-02-08.csv" \
            "$fixtures/import/cc-2022-02-15.csv" --format "$format"
        run "diff-one-$format-$lang" --lang "$lang" --candidate 'MARTIN Claire' diff \
            "$fixtures/import/cc-2022-02-08.csv" "$fixtures/import/cc-2022-02-15.csv" --format "$format"
    done

    # The writers, each on a fresh copy; the ledger they leave is kept.
    for format in table json; do
        rm -rf "${work:?}"/*
        cp "$fixtures/import/parrainages.csv" "$work/"
        run "import-dry-$format-$lang" --lang "$lang" --candidate 'MARTIN Claire' import \
            "$fixtures/import/cc-2022-02-08.csv" --dry-run --format "$format"
        run "import-$format-$lang" --lang "$lang" --candidate 'MARTIN Claire' import \
            "$fixtures/import/cc-2022-02-15.csv" --format "$format"
        snapshot "import-$format-$lang"
    done
    fresh
    run "add-$lang" --lang "$lang" add --last-name Petit --first-name Anne --mandate maire \
        --circonscription Stenay --department 55 --claimed-on 2022-01-10
    run "add-duplicate-$lang" --lang "$lang" add --last-name Petit --first-name Anne --mandate maire \
        --circonscription Stenay --department 55
    run "add-ineligible-$lang" --lang "$lang" add --last-name Grand --first-name Paul \
        --mandate 'conseiller municipal' --department 55
    run "add-bad-$lang" --lang "$lang" add --last-name Grand --first-name Paul --mandate garde \
        --department 99 --claimed-on 2022-13-01
    run "update-$lang" --lang "$lang" update --last-name Petit --first-name Anne --status sent
    run "update-set-$lang" --lang "$lang" update --last-name Petit --first-name Anne --set-circonscription Verdun
    run "update-none-$lang" --lang "$lang" update --last-name Nobody --first-name Anne --status sent
    run "remove-$lang" --lang "$lang" remove --last-name Petit --first-name Anne
    run "remove-none-$lang" --lang "$lang" remove --last-name Nobody --first-name Anne
    snapshot "writers-$lang"
    fresh
    printf 'claimed,MARTIN Claire,,TORN,Row,mayor,X,55,2022-01-05,,,"' >>"$work/parrainages.csv"
    run "check-torn-$lang" --lang "$lang" check
    run "repair-$lang" --lang "$lang" repair
    snapshot "repair-$lang"
    rm -rf "${work:?}"/*
    run "init-$lang" --lang "$lang" init --candidate 'MARTIN Claire' --election 2022
    run "init-again-$lang" --lang "$lang" init --candidate 'MARTIN Claire' --election 2022
    cp "$work/parrainage.toml" "$out/init-$lang.settings"
    AS_OF=2026-12-03 run "init-2027-$lang" --lang "$lang" init new.csv

    # Errors.
    rm -rf "${work:?}"/*
    run "missing-report-$lang" --lang "$lang" report
    run "missing-check-json-$lang" --lang "$lang" check --format json missing.csv
    run "bad-election-$lang" --lang "$lang" --election 2031 report
    run "bad-date-flag-$lang" --lang "$lang" --as-of 2022-02-30 report
    run "bad-lock-timeout-$lang" --lang "$lang" --lock-timeout 1e20 report
    run "bad-format-$lang" --lang "$lang" report --format pdf

    # The real files, where they are.
    if [ -d "$shared" ]; then
        for file in cc-2017-parrainages.csv cc-2022-parrainages.csv cc-2022-parrainages.json; do
            AS_OF=2022-03-08 run "real-$file-$lang" --lang "$lang" report --all --ledger "$shared/$file" --format json
            AS_OF=2022-03-08 run "real-$file-table-$lang" --lang "$lang" report --all --ledger "$shared/$file"
            AS_OF=2022-03-08 run "real-$file-check-$lang" --lang "$lang" check "$shared/$file"
        done
        fresh
        AS_OF=2026-11-30 run "real-prospects-$lang" --lang "$lang" --election 2027 prospects \
            --register "$shared/rne-2026" --publication "$shared/cc-2022-parrainages.csv" --format csv
        run "real-register-$lang" --lang "$lang" register --register "$shared/rne-2026"
    fi
done
run help --help
run man man
for shell in bash zsh fish; do
    run "completions-$shell" completions "$shell"
done
for command in init add update remove list check report import prospects register fetch diff repair; do
    run "help-$command" help "$command"
done
echo "$count runs written to $out"
