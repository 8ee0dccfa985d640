#!/usr/bin/env bash
# The Action's first step (action.yml): installs parrainage with its lock
# file, from the action's own checkout, or from the tag, branch or commit
# that the `version` input names. Reads VERSION, ACTION_REPOSITORY and
# SERVER_URL, which the step maps from the inputs and the github context.
set -euo pipefail

# shellcheck source=scripts/action/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

args=(install --locked)
if [ -z "${VERSION:-}" ]; then
    # The runner has checked the action out at the tag, branch or commit
    # the workflow names: that is the version to build.
    args+=(--path "$GITHUB_ACTION_PATH")
else
    if [ -z "${ACTION_REPOSITORY:-}" ]; then
        echo "::error title=parrainage install::version: $(escape "$VERSION"): the runner does not say which repository this action comes from"
        exit 2
    fi
    url="${SERVER_URL:-https://github.com}/$ACTION_REPOSITORY"
    # cargo install --git takes a tag, a branch and a commit each with its
    # own flag (a branch given as --rev is "revspec not found"): the
    # repository says which one the name is.
    if [[ "$VERSION" =~ ^[0-9a-f]{40}$ ]]; then
        kind=--rev
    elif git ls-remote --exit-code --tags "$url" "refs/tags/$VERSION" >/dev/null; then
        kind=--tag
    elif git ls-remote --exit-code --heads "$url" "refs/heads/$VERSION" >/dev/null; then
        kind=--branch
    elif [[ "$VERSION" =~ ^[0-9a-f]{7,39}$ ]]; then
        kind=--rev
    else
        echo "::error title=parrainage install::version: $(escape "$VERSION") is no tag, branch or commit of $url"
        exit 2
    fi
    args+=(--git "$url" "$kind" "$VERSION" parrainage)
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "::error title=parrainage install::cargo not found: the action builds parrainage with Rust 1.89 or later (dtolnay/rust-toolchain, for one, installs it)"
    exit 2
fi
cargo "${args[@]}"
# The later steps of the job find it on PATH.
echo "${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin" >>"$GITHUB_PATH"
