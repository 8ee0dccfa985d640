#!/usr/bin/env bash
# The `parrainage-check` pre-commit hook (.pre-commit-hooks.yaml): builds
# parrainage from this checkout with its lock file, once, then runs
# `parrainage check` with the hook's arguments in the ledger repository.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary="$here/target/release/parrainage"

if [ ! -x "$binary" ]; then
    if ! command -v cargo >/dev/null 2>&1; then
        echo "parrainage-check: cargo not found: the hook builds parrainage with Rust 1.89 or later (https://rustup.rs)" >&2
        exit 2
    fi
    echo "parrainage-check: building parrainage (cargo build --release --locked), once for this version" >&2
    # Built in this checkout, with its own target directory and cargo
    # settings, whatever the ledger repository's or the user's say.
    (cd "$here" && CARGO_TARGET_DIR="$here/target" cargo build --release --locked --quiet)
fi

# The ledger repository is the working directory: relative ledger paths,
# $PARRAINAGE_LEDGER and ./parrainages.csv are read from there.
exec "$binary" check "$@"
