# What the Action's scripts share (install.sh, check.sh); sourced, not run.
# shellcheck shell=bash

# A workflow command's message: `%`, CR and LF escaped as GitHub asks.
escape() {
    local text=$1
    text=${text//'%'/'%25'}
    text=${text//$'\r'/'%0D'}
    text=${text//$'\n'/'%0A'}
    printf '%s' "$text"
}
