#!/usr/bin/env bash
# Runs the composite Action (action.yml) step by step as a GitHub runner
# does, against scratch repositories, with the built binary, and checks
# what a job would see: the install command, the annotations, the job
# summary and the exit status. Not run by `cargo test`: it needs git,
# python3 with PyYAML, and jq (as GitHub's runners have).
#
#   scripts/simulate-action.sh            # target/release/parrainage, built if missing
#   PARRAINAGE_BIN=path/to/parrainage scripts/simulate-action.sh
#
# What a runner does, and this does too, for each step of `runs.steps`:
# the `${{ … }}` expressions of `env` and `run` are evaluated (inputs with
# their defaults, the github and runner contexts), the script runs as
# `bash --noprofile --norc -eo pipefail FILE` in the workspace, with
# GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_PATH,
# GITHUB_OUTPUT, GITHUB_ENV and RUNNER_TEMP set, the directories a step
# appends to GITHUB_PATH are put first on PATH for the next ones, and the
# first step that fails ends the job with its status. `cargo` is a
# stand-in that records its arguments, refuses a tag, branch or commit the
# repository does not have under that name (as cargo does: `--rev main` is
# "revspec not found"), and installs the built binary where cargo would.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for tool in git python3 jq; do
    command -v "$tool" >/dev/null || { echo "simulate-action: $tool is needed" >&2; exit 2; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "simulate-action: python3 with PyYAML is needed (pip install pyyaml)" >&2; exit 2; }
binary=${PARRAINAGE_BIN:-$repo/target/release/parrainage}
if [ ! -x "$binary" ]; then
    (cd "$repo" && cargo build --release --locked --quiet)
fi
binary=$(realpath "$binary")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The action's repository, as a server holds it: a branch `main`, a tag
# `v0.1.0`, and a branch `next` one commit ahead.
server=$scratch/server
origin=$server/OWNER/parrainage
mkdir -p "$origin"
(
    cd "$repo"
    git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$origin" 2>/dev/null || true
)
git -C "$origin" init -q -b main
git -C "$origin" -c user.name=sim -c user.email=sim@example.org add -A
git -C "$origin" -c user.name=sim -c user.email=sim@example.org commit -q -m "the action"
git -C "$origin" tag v0.1.0
git -C "$origin" checkout -q -b next
git -C "$origin" -c user.name=sim -c user.email=sim@example.org commit -q --allow-empty -m "next"
git -C "$origin" checkout -q main
main_commit=$(git -C "$origin" rev-parse main)

# The stand-in for cargo.
mkdir -p "$scratch/bin"
cat >"$scratch/bin/cargo" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
echo "cargo $*" >>"$SIM_CARGO_LOG"
[ "${1:-}" = install ] || { echo "cargo stand-in: only install" >&2; exit 101; }
shift
locked=no root=${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}} url="" kind="" ref=""
while [ $# -gt 0 ]; do
    case "$1" in
        --locked) locked=yes ;;
        --root) root=$2; shift ;;
        --git) url=$2; shift ;;
        --path) [ -f "$2/Cargo.toml" ] || { echo "error: $2 holds no Cargo.toml" >&2; exit 101; }; shift ;;
        --tag | --branch | --rev) kind=$1 ref=$2; shift ;;
    esac
    shift
done
[ "$locked" = yes ] || { echo "cargo stand-in: installed without --locked" >&2; exit 101; }
if [ -n "$url" ]; then
    case "$kind" in
        --tag) git ls-remote --exit-code "$url" "refs/tags/$ref" >/dev/null ;;
        --branch) git ls-remote --exit-code "$url" "refs/heads/$ref" >/dev/null ;;
        --rev) [[ "$ref" =~ ^[0-9a-f]{7,40}$ ]] && git -C "${url#file://}" cat-file -e "$ref^{commit}" ;;
    esac || { echo "error: revspec '$ref' not found" >&2; exit 101; }
fi
mkdir -p "$root/bin"
cp "$SIM_BINARY" "$root/bin/parrainage"
echo "  Installed package \`parrainage\` (executable \`parrainage\`)" >&2
EOF
chmod +x "$scratch/bin/cargo"

# The runner: one job of one step, `uses: OWNER/parrainage@REF` with
# `with` as given, as JSON.
cat >"$scratch/runner.py" <<'EOF'
import json, os, re, subprocess, sys, tempfile, yaml

action_path, workspace, ref, given = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
action = yaml.safe_load(open(os.path.join(action_path, "action.yml")))
inputs = {name: str(spec.get("default", "")) for name, spec in action.get("inputs", {}).items()}
for name, value in given.items():
    if name not in inputs:
        sys.exit(f"runner: the action has no input {name}")
    inputs[name] = value
temp = tempfile.mkdtemp(dir=os.environ["SIM_SCRATCH"])
files = {name: os.path.join(temp, name) for name in ["summary.md", "path", "output", "env"]}
for f in files.values():
    open(f, "w").close()
contexts = {
    "inputs": inputs,
    "github": {
        "action_path": action_path,
        "action_repository": "OWNER/parrainage",
        "action_ref": ref,
        "server_url": os.environ["SIM_SERVER_URL"],
        "workspace": workspace,
    },
    "runner": {"temp": temp, "os": "Linux"},
}

def value(term):
    term = term.strip()
    if term.startswith("'") and term.endswith("'"):
        return term[1:-1].replace("''", "'")
    context, _, name = term.partition(".")
    if context not in contexts or name not in contexts[context]:
        sys.exit(f"runner: cannot evaluate `{term}`")
    return contexts[context][name]

def evaluate(expression):
    # `a || b`: the first that is not empty, as the runner's falsy strings.
    for term in expression.split("||"):
        result = value(term)
        if result:
            return result
    return ""

def substitute(text):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: evaluate(m.group(1)), str(text))

path_dirs = []
for step in action["runs"]["steps"]:
    env = dict(os.environ)
    env.update({
        "GITHUB_ACTION_PATH": action_path, "GITHUB_WORKSPACE": workspace,
        "GITHUB_STEP_SUMMARY": files["summary.md"], "GITHUB_PATH": files["path"],
        "GITHUB_OUTPUT": files["output"], "GITHUB_ENV": files["env"],
        "RUNNER_TEMP": temp, "GITHUB_ACTIONS": "true", "CI": "true",
        # In a composite action's script these are empty (actions/runner#2473).
        "GITHUB_ACTION_REPOSITORY": "", "GITHUB_ACTION_REF": "",
    })
    env["PATH"] = os.pathsep.join(path_dirs + [os.environ["PATH"]])
    for name, text in (step.get("env") or {}).items():
        env[name] = substitute(text)
    if step.get("shell") != "bash":
        sys.exit("runner: only bash steps are simulated")
    script = os.path.join(temp, "step.sh")
    with open(script, "w") as f:
        f.write(substitute(step["run"]))
    print(f"##[group]Run {step.get('name', '')}", flush=True)
    code = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                          cwd=workspace, env=env).returncode
    print("##[endgroup]", flush=True)
    path_dirs = [line for line in open(files["path"]).read().splitlines() if line][::-1] + path_dirs
    if code != 0:
        print(f"##[error]Process completed with exit code {code}.", flush=True)
        break
print(f"::sim-summary::{files['summary.md']}", flush=True)
sys.exit(code)
EOF

export SIM_SCRATCH=$scratch SIM_BINARY=$binary SIM_SERVER_URL="file://$server" SIM_CARGO_LOG=$scratch/cargo.log
header="status,candidate,civility,last_name,first_name,mandate,circonscription,department,claimed_on,published_on,source,notes"

passed=0
failed=0
check() { # what, then a command that must succeed
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        passed=$((passed + 1))
        echo "ok - $what"
    else
        failed=$((failed + 1))
        echo "not ok - $what"
    fi
}

# A ledger repository, fresh for each job.
workspace() {
    rm -rf "${scratch:?}/workspace" "${scratch:?}/home"
    mkdir -p "$scratch/workspace" "$scratch/home"
    cd "$scratch/workspace"
    git init -q -b main
    printf 'candidate = "MARTIN Claire"\nelection = 2022\n' >parrainage.toml
}

# Runs the action as `uses: OWNER/parrainage@REF` with WITH (JSON); sets
# $log, $summary and $code.
job() {
    local ref=$1 with=$2
    local action_path=$scratch/_actions/OWNER/parrainage/$ref
    rm -rf "$action_path" "$SIM_CARGO_LOG"
    mkdir -p "$action_path"
    git -C "$origin" archive "$main_commit" | tar -x -C "$action_path"
    code=0
    log=$(HOME=$scratch/home PATH="$scratch/bin:$PATH" python3 "$scratch/runner.py" "$action_path" "$scratch/workspace" "$ref" "$with" 2>&1) || code=$?
    summary=$(sed -n 's/^::sim-summary:://p' <<<"$log")
    printf '%s\n' "$log" >"$scratch/last.log"
}
annotations() { grep -c '^::\(error\|warning\|notice\)' <<<"$log" || true; }
in_log() { grep -qF -- "$1" <<<"$log"; }
in_summary() { grep -qF -- "$1" "$summary"; }
cargo_called() { grep -qF -- "$1" "$SIM_CARGO_LOG"; }

echo "# multi-line paths, a glob, TRUE, a branch as the version"
workspace
mkdir -p ledger more
printf '%s\n' "$header" "claimed,MARTIN Claire,M.,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,alice," >ledger/alice.csv
printf '%s\n' "$header" "claimed,MARTIN Claire,Mme,LEROY,Anne,mayor,=1+1,55,2022-01-06,,bob," >ledger/bob.csv
printf '%s\n' "$header" "claimed,MARTIN Claire,M.,Dupont,JEAN,maire,Verdun,55,2022-01-07,,carol," >more/carol.csv
printf 'code;nom\n55545;Verdun\n' >communes.csv
job v0.1.0 '{"paths": "ledger/*.csv\nmore/carol.csv", "deny-warnings": "TRUE", "version": "next"}'
check "the branch is installed with --branch, locked" cargo_called "cargo install --locked --git file://$server/OWNER/parrainage --branch next parrainage"
check "the glob's two files and the next line's file are checked" in_summary "in 3 files (3 rows)"
check "a duplicate across files is annotated" in_log "::error file=more/carol.csv,line=2,title=duplicate-sponsor::"
check "a warning is annotated" in_log "::warning file=ledger/bob.csv,line=2,title=formula-cell::"
check "the CSV not named is not read" test "$(grep -c communes <<<"$log")" = 0
check "TRUE denies warnings: the job fails with 1" test "$code" = 1
check "the summary holds the check" in_summary "## parrainage check"
check "the summary counts by code" in_summary "| error | duplicate-sponsor | 1 | more/carol.csv:2 |"
check "the summary holds the settings' candidate's report" in_summary "MARTIN Claire"
check "parrainage was found on PATH through GITHUB_PATH" test "$(grep -c 'command not found' <<<"$log")" = 0

echo "# a tag, a commit, the action's own checkout, a name that is none of them"
workspace
printf '%s\n' "$header" "claimed,MARTIN Claire,M.,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,," >parrainages.csv
job v0.1.0 '{"version": "v0.1.0", "deny-warnings": "False"}'
check "a tag is installed with --tag" cargo_called "--tag v0.1.0 parrainage"
check "a clean ledger passes" test "$code" = 0
check "its summary says so" in_summary "0 errors, 0 warnings in 1 file (1 row)."
check "no annotation for a clean ledger" test "$(annotations)" = 0
job v0.1.0 "{\"version\": \"$main_commit\"}"
check "a commit is installed with --rev" cargo_called "--rev $main_commit parrainage"
check "a commit installs and checks" test "$code" = 0
job main '{}'
check "no version: the action's own checkout, with --path" cargo_called "cargo install --locked --path $scratch/_actions/OWNER/parrainage/main"
check "and the job passes" test "$code" = 0
job v0.1.0 '{"version": "nosuch"}'
check "an unknown version fails the install step, annotated" in_log "::error title=parrainage install::version: nosuch is no tag, branch or commit of file://$server/OWNER/parrainage"
check "with exit 2, before any check" test "$code" = 2 -a ! -s "$summary"

echo "# the candidate input, several candidates"
workspace
rm parrainage.toml
printf '%s\n' "$header" "claimed,MARTIN Claire,M.,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,," \
    "claimed,KAZIB Anasse,Mme,LEROY,Anne,mayor,Bar-le-Duc,55,2022-01-06,,," >parrainages.csv
job v0.1.0 '{}'
check "several candidates and none chosen: no report in the summary" test "$(grep -c 'KAZIB\|MARTIN' "$summary")" = 0
job v0.1.0 '{"candidate": "Anasse Kazib"}'
check "the candidate input's report is in the summary" in_summary "KAZIB Anasse"

echo "# 70 problems: 50 annotations, then one that counts the rest"
workspace
{
    echo "$header"
    for i in $(seq 1 70); do echo "claimed,MARTIN Claire,M.,ERRANT$i,Jean,mayor,Verdun,99,2022-01-05,,,"; done
} >parrainages.csv
job v0.1.0 '{}'
check "51 annotations" test "$(annotations)" = 51
check "the last says how many more" in_log "::error title=parrainage check::20 more problems not annotated (20 errors, 0 warnings): every problem is in the log"
check "every problem is in the log" test "$(grep -c 'unknown-department' <<<"$log")" = 70
check "the job fails with 1" test "$code" = 1

echo "# a fatal error, a boolean that is not one"
workspace
job v0.1.0 '{"paths": "ledger/\nmissing.csv"}'
check "exit 2 is annotated as an error" in_log "::error title=parrainage check failed (exit 2)::"
check "naming the missing file" grep -qE '^::error title=parrainage check failed \(exit 2\)::.*ledger' <<<"$log"
check "the job fails with 2" test "$code" = 2
check "the summary says the check could not run" in_summary "The check could not run (exit 2):"
job v0.1.0 '{"deny-warnings": "yes"}'
check "deny-warnings: yes is refused, annotated" in_log "::error title=parrainage check::deny-warnings: yes is not true or false"
check "with exit 2" test "$code" = 2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
