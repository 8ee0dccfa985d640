#!/usr/bin/env bash
# Screenshots of the HTML report in headless Chromium (Debian's `chromium`
# package), to look at what a reader sees. Not run in CI.
#
#   scripts/screenshots.sh PUBLICATION.csv [OUT_DIR] [CANDIDATE]
#
# writes OUT_DIR/candidate.png (one candidate's page) and OUT_DIR/all.png
# (the ranking), with the pages beside them.
set -euo pipefail
# Paths given are the caller's: made absolute before moving to the repository.
publication=$(realpath "${1:?usage: scripts/screenshots.sh PUBLICATION.csv [OUT_DIR] [CANDIDATE]}")
out=$(realpath -m "${2:-$(dirname "$0")/../target/screenshots}")
cd "$(dirname "$0")/.."
candidate=${3:-KAZIB Anasse}
as_of=${AS_OF:-2022-03-08}
mkdir -p "$out"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/parrainage
"$bin" --as-of "$as_of" --candidate "$candidate" report --ledger "$publication" --format html -o "$out/candidate.html"
"$bin" --as-of "$as_of" report --all --ledger "$publication" --format html -o "$out/all.html"
browser=$(command -v chromium || command -v chromium-browser)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for page in candidate all; do
    # The flags keep Chromium from reaching for the network it does not need.
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --hide-scrollbars --window-size=900,2400 \
        --screenshot="$out/$page.png" "file://$(realpath "$out/$page.html")" 2>/dev/null
    echo "$out/$page.png"
done
