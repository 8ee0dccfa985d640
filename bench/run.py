#!/usr/bin/env python3
"""The benchmark of parrainage, side by side with xsv, DuckDB and polars.

Builds the release binary, installs xsv (crates.io) and DuckDB and polars
(PyPI, the versions pinned below, in bench/.venv) if they are missing,
generates deterministic data with bench/generate.py, then times each task
and the tools it is compared with in turn (A B C, A B C, …: a drift of the
machine's speed touches all alike), each run's wall time, CPU time
(user + sys) and peak memory read by GNU time, and checks that every timed
run gives the right totals. Each figure is the median of the runs; each
ratio, the median of the ratios run by run. Prints Markdown tables, with
the machine's load average beside each row, and writes them to
bench/results.md.

Usage: python3 bench/run.py [--sizes 13000,1000000,5000000,10000000] [--repeat 5]
                            [--only publications,campaign,import,register,history]

--only runs those cases alone and prints their tables without writing
bench/results.md (which holds a whole run).
"""

import argparse
import csv
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from outputs import register_ledger

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
TOOLS = BENCH / ".tools"
VENV = BENCH / ".venv"
BINARY = ROOT / "target" / "release" / "parrainage"
# GNU time, from Debian's package `time`.
GNU_TIME = "/usr/bin/time"
# The engines compared with, pinned: a new version is a new benchmark.
PINNED = {"duckdb": "2.0.1", "polars": "2.1.0"}


def fold(text):
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c.lower() for c in decomposed if not unicodedata.combining(c) and c.isalnum())


# The cases, in the order they run.
CASES = ("publications", "campaign", "import", "register", "history")


def setup(engines):
    if not Path(GNU_TIME).exists():
        sys.exit("GNU time is needed: apt-get install time")
    subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
    xsv = shutil.which("xsv") or str(TOOLS / "bin" / "xsv")
    if not Path(xsv).exists():
        subprocess.run(["cargo", "install", "xsv", "--version", "0.13.0", "--locked", "--root", str(TOOLS)],
                       check=True)
    python = VENV / "bin" / "python"
    if not engines:
        return xsv, str(python)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    versions = "import duckdb, polars; print(duckdb.__version__, polars.__version__)"
    probe = subprocess.run([str(python), "-c", versions], capture_output=True, text=True)
    if probe.stdout.split() != [PINNED["duckdb"], PINNED["polars"]]:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                        *(f"{name}=={version}" for name, version in PINNED.items())], check=True)
    return xsv, str(python)


def generate(kind, *sizes):
    name = {"official": f"official-{sizes[0]}.csv", "campaign": f"campaign-{sizes[0]}.csv",
            "claims": f"claims-{sizes[0]}.csv"}[kind]
    if not (DATA / name).exists() or not (DATA / name).with_suffix(".json").exists():
        print(f"generating {name}…", file=sys.stderr)
        subprocess.run([sys.executable, str(BENCH / "generate.py"), kind, *map(str, sizes)], check=True)
    return DATA / name


class Wrong(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Wrong(message)


def measure(command):
    """Runs `command` under GNU time: (wall seconds, CPU seconds, peak MiB,
    exit code, stdout). GNU time reads the program's own CPU time and peak
    resident memory (a Python child's would count the interpreter it was
    forked from)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.run([GNU_TIME, "-f", "%U %S %M", *command], stdout=subprocess.PIPE, stderr=errors)
        wall = time.perf_counter() - started
        errors.seek(0)
        user, system, peak_kib = errors.read().decode().strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(peak_kib) / 1024, process.returncode, process.stdout


class Figures:
    """The runs of one command: medians of wall and CPU time, the largest
    peak, and the 1-minute load average around them."""

    def __init__(self):
        self.wall, self.cpu, self.peak, self.load = [], [], [], []

    def add(self, wall, cpu, peak):
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.peak.append(peak)

    def median(self, what):
        return statistics.median(getattr(self, what))

    def cell(self):
        return f"{self.median('wall'):.2f} s, CPU {self.median('cpu'):.2f} s, {max(self.peak):.0f} MiB"


def timed_together(commands, repeat):
    """Runs each of `commands` (name → (command, verify)) once in turn,
    `repeat` times, after one run of each not counted (the files in page
    cache). Each run's output is verified."""
    figures = {name: Figures() for name in commands}
    for round_ in range(repeat + 1):
        for name, (command, verify) in commands.items():
            load = os.getloadavg()[0]
            wall, cpu, peak, code, output = measure(command)
            verify(code, output)
            if round_ > 0:
                figures[name].add(wall, cpu, peak)
                figures[name].load.append(load)
    return figures


def ratio(figures, a, b, what="wall"):
    """The median, run by run, of a's figure over b's."""
    return statistics.median(x / y for x, y in zip(getattr(figures[a], what), getattr(figures[b], what)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="13000,1000000,5000000,10000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", help=f"some of {','.join(CASES)}, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    only = args.only.split(",") if args.only else list(CASES)
    if not set(only) <= set(CASES):
        parser.error(f"--only: choose among {', '.join(CASES)}")
    # Only the publications' case compares with DuckDB and polars.
    xsv, python = setup("publications" in only)
    binary = str(BINARY)
    started_load = os.getloadavg()
    tools_rows = []    # (rows, tool, Figures)
    targets = []       # (task, rows, figures cell, ratio text, target text, met, load)

    def target(task, n, figures, name, pairs, load_of):
        """One row of the targets table: `pairs` are (text, value, limit)."""
        met = all(value <= limit for _, value, limit in pairs)
        text = "; ".join(f"{what} {value:.2f}" for what, value, _ in pairs)
        limits = "; ".join(f"{what} ≤ {limit:g}" for what, _, limit in pairs)
        load = statistics.mean(sum((figures[t].load for t in load_of), []))
        targets.append((task, n, figures[name].cell(), text, limits, "yes" if met else "**no**", load))

    for n in sizes if "publications" in only else []:
        official = str(generate("official", n))
        expected = json.loads((DATA / f"official-{n}.json").read_text())

        def report_ok(code, output):
            expect(code == 0, f"report exited {code}")
            found = {fold(c["candidate"]): c["validated"] for c in json.loads(output)["candidates"]}
            expect(found == expected["validated_by_folded_candidate"], "report: wrong totals by candidate")

        def html_ok(code, output):
            rows = output.count(b"<tr class=")
            expect(code == 0 and rows == len(expected["validated_by_folded_candidate"]),
                   f"html: exit {code}, {rows} ranking rows")

        def check_ok(code, output):
            document = json.loads(output)
            # The JSON lists the first 1,000 problems of a file and counts the rest by code.
            duplicates = sum(d["code"] == "duplicate-sponsor" for d in document["diagnostics"]) + sum(
                d["count"] for d in document.get("left_out", []) if d["code"] == "duplicate-sponsor")
            expect(code == 1 and duplicates == expected["duplicates"] == document["errors"],
                   f"check: {document['errors']} errors, {duplicates} duplicates")

        def count_ok(code, output):
            expect(code == 0 and int(output) == n, f"xsv count: {output!r}")

        def frequency_ok(code, output):
            table = list(csv.reader(io.StringIO(output.decode())))[1:]
            candidates = {value: int(count) for field, value, count in table if field == "Candidat"}
            expect(code == 0 and candidates == expected["rows_by_candidate"], "xsv frequency: wrong counts")

        def engine_ok(code, output):
            result = json.loads(output)
            validated = {c: v["validated"] for c, v in result["candidates"].items()}
            expect(code == 0 and result["rows"] == n and validated == expected["validated_by_folded_candidate"],
                   "engine: wrong totals by candidate")

        on_official = [binary, "--ledger", official, "--as-of", "2022-03-08"]
        commands = {
            "report --all --format json": (on_official + ["report", "--all", "--format", "json"], report_ok),
            "report --all --format html": (on_official + ["report", "--all", "--format", "html"], html_ok),
            "check --format json": (on_official + ["check", "--format", "json"], check_ok),
            "xsv count": ([xsv, "count", "-d", ";", official], count_ok),
            # In file order: xsv 0.13 mislabels the fields of a selection out of order.
            "xsv frequency": ([xsv, "frequency", "-d", ";", "-s", "Mandat,Département,Candidat", "--limit", "0",
                               official], frequency_ok),
        }
        for engine in ("duckdb", "polars"):
            for keys in ("folded", "raw"):
                commands[f"{engine} ({keys})"] = ([python, str(BENCH / "engines.py"), engine, keys, official],
                                                  engine_ok)
        subprocess.run(["cat", official], stdout=subprocess.DEVNULL, check=True)
        print(f"{n:,} rows…", file=sys.stderr)
        figures = timed_together(commands, args.repeat)
        # The engines' totals, departments and capped sums are parrainage's.
        ours = json.loads(measure(commands["report --all --format json"][0])[4])
        ours = {fold(c["candidate"]): {k: c[k] for k in ("validated", "departments", "usable")}
                for c in ours["candidates"]}
        for engine in ("duckdb", "polars"):
            theirs = json.loads(measure(commands[f"{engine} (folded)"][0])[4])["candidates"]
            expect(theirs == ours, f"{engine}: departments or capped sums differ from parrainage's")
        for name, f in figures.items():
            tools_rows.append((n, name, f))
        everyone = list(commands)
        for task in ("report --all --format json", "check --format json"):
            pairs = []
            if n == 1_000_000:
                pairs = [("× xsv count wall", ratio(figures, task, "xsv count"), 0.9),
                         ("× xsv count CPU", ratio(figures, task, "xsv count", "cpu"), 1.6)]
            elif n >= 5_000_000:
                pairs = [(f"× {other} wall", ratio(figures, task, other), 1.0)
                         for other in ("duckdb (folded)", "duckdb (raw)", "polars (folded)", "polars (raw)")]
            if n == 10_000_000 and task.startswith("report"):
                pairs.append(("MiB", max(figures[task].peak), 160))
            if pairs:
                target(task, n, figures, task, pairs, everyone)
        # The page holds its own text (a few hundred KB) besides the counts
        # JSON holds: its memory is JSON's and the page's, no more.
        html, json_task = "report --all --format html", "report --all --format json"
        target(html, n, figures, html,
               [("× JSON wall", ratio(figures, html, json_task), 1.2),
                ("MiB over JSON", max(figures[html].peak) - max(figures[json_task].peak), 1.0)], everyone)

    def xsv_any(code, output):
        expect(code == 0, "xsv failed")

    # add to a 1M-row campaign ledger, then undo the row (the file is
    # truncated back to its length); report and check on it: quoted
    # values, statuses, homonyms (same name and unit, another commune)
    # warned of.
    if "campaign" in only:
        campaign = generate("campaign", 1_000_000)
        length = campaign.stat().st_size
        statuses = json.loads((DATA / "campaign-1000000.json").read_text())["by_status"]

        def add_ok(code, output):
            grown = campaign.stat().st_size
            os.truncate(campaign, length)
            expect(code == 0 and grown > length, f"add exited {code}")

        def campaign_report_ok(code, output):
            (found,) = json.loads(output)["candidates"]
            # Every row has a claim date: the claims by week add up to the live entries.
            live = statuses["claimed"] + statuses["sent"] + statuses["validated"]
            expect(code == 0 and found["validated"] == statuses["validated"]
                   and found["pending"] == statuses["claimed"] + statuses["sent"]
                   and found["lost"] == statuses["withdrawn"]
                   and found["claims_by_week"][-1]["cumulative"] == live, f"report on the campaign ledger: {found}")

        def campaign_html_ok(code, output):
            expect(code == 0 and b'<polyline class="claimed"' in output, f"html on the campaign ledger: exit {code}")

        def campaign_check_ok(code, output):
            document = json.loads(output)
            expect(code == 0 and document["errors"] == 0
                   and all(d["code"] == "possible-duplicate" for d in document["diagnostics"]),
                   f"check on the campaign ledger: exit {code}, {document['errors']} errors")

        on_campaign = [binary, "--ledger", str(campaign), "--as-of", "2022-03-08"]
        commands = {
            "add (1M-row campaign ledger)": (
                # A real commune (an unknown one would be warned of), added
                # inside the window.
                [binary, "--ledger", str(campaign), "--as-of", "2022-01-10", "--candidate", "DUPRÉ Amélie", "add",
                 "--last-name", "NOUVEAU", "--first-name", "Benchmark", "--mandate", "mayor",
                 "--circonscription", "Jouy-en-Argonne", "--department", "55"], add_ok),
            "report --all --format json (campaign ledger)": (
                on_campaign + ["report", "--all", "--format", "json"], campaign_report_ok),
            "report --all --format html (campaign ledger)": (
                on_campaign + ["report", "--all", "--format", "html"], campaign_html_ok),
            "check --format json (campaign ledger)": (on_campaign + ["check", "--format", "json"], campaign_check_ok),
            "xsv count (campaign ledger)": ([xsv, "count", str(campaign)], xsv_any),
            "xsv frequency (campaign ledger)": (
                [xsv, "frequency", "-s", "candidate,mandate,department", "--limit", "0", str(campaign)], xsv_any),
        }
        print("campaign ledger…", file=sys.stderr)
        figures = timed_together(commands, args.repeat)
        for name, f in figures.items():
            tools_rows.append((1_000_000, name, f))
        # The claims drawn over time cost the page no second read of the ledger.
        html, json_task = "report --all --format html (campaign ledger)", "report --all --format json (campaign ledger)"
        target(html, 1_000_000, figures, html,
               [("× JSON wall", ratio(figures, html, json_task), 1.2),
                ("MiB over JSON", max(figures[html].peak) - max(figures[json_task].peak), 1.0)], list(commands))

    # import of a 1M-row publication into a 50k-row ledger, on a fresh copy.
    if "import" in only and 1_000_000 in sizes:
        generate("official", 1_000_000)
        claims = generate("claims", 50_000, 1_000_000)
        claims_expected = json.loads((DATA / "claims-50000.json").read_text())
        work = DATA / "claims-work.csv"
        publication = str(DATA / "official-1000000.csv")

        def import_ok(code, output):
            result = json.loads(output)
            shutil.copy(claims, work)
            expect(code == 0 and all(result[k] == claims_expected[k] for k in ("confirmed", "lost", "added")),
                   f"import: {[(k, result[k], claims_expected[k]) for k in ('confirmed', 'lost', 'added')]}")

        shutil.copy(claims, work)
        task = "import (1M publication, 50k ledger)"
        commands = {
            task: ([binary, "--ledger", str(work), "--candidate", "DUPRÉ Amélie", "--as-of", "2022-03-08",
                    "import", publication, "--format", "json"], import_ok),
            "xsv frequency": ([xsv, "frequency", "-d", ";", "-s", "Mandat,Département,Candidat", "--limit", "0",
                               publication], xsv_any),
        }
        print("import…", file=sys.stderr)
        figures = timed_together(commands, args.repeat)
        tools_rows.append((1_000_000, task, figures[task]))
        target(task, 1_000_000, figures, task,
               [("× xsv frequency wall", ratio(figures, task, "xsv frequency"), 2.5),
                # On both cores: wall well under CPU time.
                ("wall ÷ CPU", figures[task].median("wall") / figures[task].median("cpu"), 0.8),
                # Its peak before this round of work: 54.1 MiB.
                ("MiB", max(figures[task].peak), 54.5)],
               list(commands))

    # The register of elected officials: the real files of the shared data,
    # when they are there (they are personal data and stay outside the
    # project); a 500-claim ledger drawn from its mayors, and the real 2022
    # publication.
    shared = ROOT.parent / "shared" / "data"
    register = shared / "rne-2026"
    publication_2022 = shared / "cc-2022-parrainages.csv"
    if "register" in only and register.is_dir() and publication_2022.exists():
        files = sorted(str(f) for f in register.glob("*.csv"))
        ledger = DATA / "register-ledger-500.csv"
        register_ledger(register, ledger)

        def prospects_ok(code, output):
            result = json.loads(output)
            expect(code == 0 and result["excluded"]["ledger"] == 500 and result["register"]["persons"] > 0
                   and len(result["prospects"]) > 0, f"prospects: exit {code}")

        def call_list_ok(code, output):
            expect(code == 0 and output.count(b"\n") > 1000, f"prospects --format csv: exit {code}")

        def check_register_ok(code, output):
            result = json.loads(output)
            expect(code == 0 and result["errors"] == 0
                   and not any(d["code"].endswith("-in-register") for d in result["diagnostics"]),
                   f"check --register: exit {code}, {result['errors']} errors")

        on_register = [binary, "--ledger", str(ledger), "--as-of", "2026-11-30", "--election", "2027"]
        prospects = on_register + ["prospects", "--register", str(register), "--publication", str(publication_2022)]
        commands = {
            "prospects --format json": (prospects + ["--format", "json"], prospects_ok),
            "prospects --format csv": (prospects + ["--format", "csv"], call_list_ok),
            "check --register": (on_register + ["check", "--register", str(register), "--format", "json"],
                                 check_register_ok),
            "xsv count (the register's files)": (
                ["sh", "-c", " ".join(f"{xsv} count -d ';' '{f}' &&" for f in files) + " true"], xsv_any),
        }
        print("register…", file=sys.stderr)
        figures = timed_together(commands, args.repeat)
        for name, f in figures.items():
            tools_rows.append((41_407, name, f))
        for task in ("prospects --format json", "prospects --format csv"):
            target(task + " (register, 2022 publication, 500-row ledger)", 41_407, figures, task,
                   [("× xsv count wall", ratio(figures, task, "xsv count (the register's files)"), 1.5)],
                   list(commands))

    # prospects --history: a register shaped like the shared one (the same
    # ten files, forms and row counts: bench/generate.py register), the past
    # publications of 2017 and 2022, a 500-claim ledger drawn from its
    # mayors; against xsv count over the register's files and both
    # publications. On the real files too, when they are there.
    if "history" in only:
        if not (DATA / "register.json").exists():
            print("generating the register…", file=sys.stderr)
            subprocess.run([sys.executable, str(BENCH / "generate.py"), "register"], check=True)
        history_cases = [("generated register", DATA / "register", DATA / "history-2017.csv",
                          DATA / "history-2022.csv", json.loads((DATA / "register.json").read_text()))]
        if register.is_dir() and publication_2022.exists() and (shared / "cc-2017-parrainages.csv").exists():
            history_cases.append(("shared register", register, shared / "cc-2017-parrainages.csv", publication_2022,
                                  None))
        for label, directory, past_2017, past_2022, truth in history_cases:
            ledger = DATA / f"history-ledger-500-{label.split()[0]}.csv"
            register_ledger(directory, ledger)
            files = sorted(str(f) for f in directory.glob("*.csv")) + [str(past_2017), str(past_2022)]

            def history_ok(code, output, truth=truth):
                result = json.loads(output)
                found = [(h["year"], h["matched"], h["ambiguous"]) for h in result["history"]]
                expect(code == 0 and result["excluded"]["ledger"] == 500 and len(found) == 2,
                       f"prospects --history: exit {code}, {found}")
                if truth:
                    expect(result["register"]["persons"] == truth["persons"]
                           and found == [(h["year"], h["matched"], h["ambiguous"]) for h in truth["history"]],
                           f"prospects --history: {found}, expected {truth['history']}")

            def history_table_ok(code, output):
                expect(code == 0 and b"Sponsored before" in output, f"prospects --history table: exit {code}")

            def history_csv_ok(code, output):
                expect(code == 0 and output.count(b"\n") > 1000, f"prospects --history csv: exit {code}")

            prospects = [binary, "--ledger", str(ledger), "--as-of", "2026-11-30", "--election", "2027", "prospects",
                         "--register", str(directory), "--history", str(past_2017), str(past_2022)]
            commands = {
                "prospects --history": (prospects, history_table_ok),
                "prospects --history --format csv": (prospects + ["--format", "csv"], history_csv_ok),
                "prospects --history --format json": (prospects + ["--format", "json"], history_ok),
                "xsv count (the register's files and both publications)": (
                    ["sh", "-c", " ".join(f"{xsv} count -d ';' '{f}' &&" for f in files) + " true"], xsv_any),
            }
            print(f"prospects --history ({label})…", file=sys.stderr)
            figures = timed_together(commands, args.repeat)
            for name, f in figures.items():
                tools_rows.append((41_407, f"{name} ({label})", f))
            for task in ("prospects --history", "prospects --history --format csv",
                         "prospects --history --format json"):
                target(f"{task} ({label}, 2017 and 2022 publications, 500-row ledger)", 41_407, figures, task,
                       [("wall s", figures[task].median("wall"), 0.150),
                        ("× xsv count wall", ratio(figures, task,
                                                   "xsv count (the register's files and both publications)"), 4.0)],
                       list(commands))

    ended_load = os.getloadavg()
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, "
               f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, "
               f"{platform.system()} {platform.release()}")
    lines = [f"Machine: {machine}; load average (1, 5, 15 min) {', '.join(f'{x:.2f}' for x in started_load)} "
             f"at the start, {', '.join(f'{x:.2f}' for x in ended_load)} at the end. DuckDB "
             f"{PINNED['duckdb']}, polars {PINNED['polars']}, xsv 0.13.0. Medians of {args.repeat} runs taken "
             "in turn, files in page cache; every run's totals checked.", "",
             "| task | rows | parrainage | ratios | targets | met | load |",
             "|---|---:|---|---|---|---|---:|"]
    for task, n, cell, text, limits, met, load in targets:
        lines.append(f"| {task} | {n:,} | {cell} | {text} | {limits} | {met} | {load:.1f} |")
    lines += ["", "| rows | command | wall, CPU (user + sys), peak memory | load |", "|---:|---|---|---:|"]
    for n, name, f in tools_rows:
        lines.append(f"| {n:,} | {name} | {f.cell()} | {statistics.mean(f.load):.1f} |")
    table = "\n".join(lines)
    if not args.only:
        (BENCH / "results.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    try:
        main()
    except Wrong as wrong:
        sys.exit(f"wrong result: {wrong}")
