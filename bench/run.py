#!/usr/bin/env python3
"""The benchmark of parrainage, side by side with xsv, pandas and polars.

Builds the release binary, installs xsv (crates.io) and pandas and polars
(PyPI) under bench/ if they are missing, generates deterministic data with
bench/generate.py, then times each task, with its peak memory, and checks
that every timed run gives the right totals. Prints a Markdown table and
writes it to bench/results.md.

Usage: python3 bench/run.py [--sizes 13000,1000000,5000000] [--repeat 3]
"""

import argparse
import csv
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
TOOLS = BENCH / ".tools"
VENV = BENCH / ".venv"
BINARY = ROOT / "target" / "release" / "parrainage"
# GNU time, from Debian's package `time`.
GNU_TIME = "/usr/bin/time"


def fold(text):
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c.lower() for c in decomposed if not unicodedata.combining(c) and c.isalnum())


def setup():
    if not Path(GNU_TIME).exists():
        sys.exit("GNU time is needed: apt-get install time")
    subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
    xsv = shutil.which("xsv") or str(TOOLS / "bin" / "xsv")
    if not Path(xsv).exists():
        subprocess.run(["cargo", "install", "xsv", "--locked", "--root", str(TOOLS)], check=True)
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import pandas, polars"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pandas", "polars"], check=True)
    return xsv, str(python)


def generate(kind, *sizes):
    name = {"official": f"official-{sizes[0]}.csv", "campaign": f"campaign-{sizes[0]}.csv",
            "claims": f"claims-{sizes[0]}.csv"}[kind]
    if not (DATA / name).exists() or not (DATA / name).with_suffix(".json").exists():
        print(f"generating {name}…", file=sys.stderr)
        subprocess.run([sys.executable, str(BENCH / "generate.py"), kind, *map(str, sizes)], check=True)
    return DATA / name


def measure(command, cwd=None, env=None):
    """Runs `command` under GNU time; returns (seconds, peak MiB, exit code,
    stdout). GNU time reads the peak resident memory of the program itself
    (a Python child's would count the interpreter it was forked from)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.run([GNU_TIME, "-f", "%M", *command], cwd=cwd, env=env,
                                 stdout=subprocess.PIPE, stderr=errors)
        seconds = time.perf_counter() - started
        errors.seek(0)
        peak_kib = int(errors.read().decode().strip().splitlines()[-1])
    return seconds, peak_kib / 1024, process.returncode, process.stdout


def best(command, repeat, verify, **kwargs):
    """The fastest of `repeat` runs (the file in page cache), each verified."""
    runs = []
    for _ in range(repeat):
        seconds, mib, code, output = measure(command, **kwargs)
        verify(code, output)
        runs.append((seconds, mib))
    return min(r[0] for r in runs), max(r[1] for r in runs)


class Wrong(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Wrong(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="13000,1000000,5000000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    xsv, python = setup()
    rows = []

    def row(task, n, ours, others):
        rows.append((task, n, ours, others))
        print(task, n, ours, others, file=sys.stderr)

    for n in sizes:
        official = generate("official", n)
        expected = json.loads((DATA / f"official-{n}.json").read_text())
        # Into the page cache before timing.
        subprocess.run(["cat", str(official)], stdout=subprocess.DEVNULL, check=True)

        def report_ok(code, output):
            expect(code == 0, f"report exited {code}")
            found = {fold(c["candidate"]): c["validated"] for c in json.loads(output)["candidates"]}
            expect(found == expected["validated_by_folded_candidate"], "report: wrong totals by candidate")

        def check_ok(code, output):
            document = json.loads(output)
            duplicates = sum(d["code"] == "duplicate-sponsor" for d in document["diagnostics"])
            expect(code == 1 and duplicates == expected["duplicates"] == document["errors"],
                   f"check: {document['errors']} errors, {duplicates} duplicates")

        def xsv_ok(code, output):
            table = list(csv.reader(io.StringIO(output.decode())))[1:]
            candidates = {value: int(count) for field, value, count in table if field == "Candidat"}
            expect(code == 0 and candidates == expected["rows_by_candidate"], "xsv: wrong counts")

        def frame_ok(code, output):
            result = json.loads(output)
            expect(code == 0 and result["rows"] == n and result["candidates"] == expected["rows_by_candidate"],
                   "dataframe: wrong counts")

        tools = {}
        # In file order: xsv 0.13 mislabels the fields of a selection out of order.
        tools["xsv frequency"] = best([xsv, "frequency", "-d", ";", "-s", "Mandat,Département,Candidat",
                                       "--limit", "0", str(official)], args.repeat, xsv_ok)
        tools["pandas"] = best([python, str(BENCH / "aggregate.py"), "pandas", str(official)], args.repeat, frame_ok)
        tools["polars"] = best([python, str(BENCH / "aggregate.py"), "polars", str(official)], args.repeat, frame_ok)
        row("report --all --format json", n,
            best([str(BINARY), "--ledger", str(official), "report", "--all", "--format", "json"], args.repeat, report_ok),
            tools)
        row("check --format json", n,
            best([str(BINARY), "check", "--format", "json", str(official)], args.repeat, check_ok),
            {"xsv frequency": tools["xsv frequency"]})
        if n == min(sizes):
            # The page of every candidate: under 1 MB, one ranking row each.
            def html_ok(code, output):
                rows = output.count(b"<tr class=")
                expect(code == 0 and len(output) < 1_000_000
                       and rows == len(expected["validated_by_folded_candidate"]),
                       f"html: exit {code}, {len(output)} bytes, {rows} ranking rows")
            row("report --all --format html", n,
                best([str(BINARY), "--ledger", str(official), "report", "--all", "--format", "html"],
                     args.repeat, html_ok), {})

    # add to a 1M-row campaign ledger, then undo the row (the file is
    # truncated back to its length).
    campaign = generate("campaign", 1_000_000)
    length = campaign.stat().st_size

    def add_ok(code, output):
        grown = campaign.stat().st_size
        os.truncate(campaign, length)
        expect(code == 0 and grown > length, f"add exited {code}")

    add = [str(BINARY), "--ledger", str(campaign), "--candidate", "DUPRÉ Amélie", "--as-of", "2022-01-10", "add",
           "--last-name", "NOUVEAU", "--first-name", "Benchmark", "--mandate", "mayor",
           "--circonscription", "Jouy-en-Argonne", "--department", "55"]

    def xsv_any(code, output):
        expect(code == 0, "xsv failed")

    xsv_campaign = best([xsv, "frequency", "-s", "candidate,mandate,department", "--limit", "0", str(campaign)],
                        args.repeat, xsv_any)
    row("add (1M-row ledger)", 1_000_000, best(add, args.repeat, add_ok), {"xsv frequency": xsv_campaign})

    # report and check on the campaign ledger: quoted values, statuses,
    # homonyms (same name and unit, another commune) warned of.
    statuses = json.loads((DATA / "campaign-1000000.json").read_text())["by_status"]

    def campaign_report_ok(code, output):
        (found,) = json.loads(output)["candidates"]
        expect(code == 0 and found["validated"] == statuses["validated"]
               and found["pending"] == statuses["claimed"] + statuses["sent"]
               and found["lost"] == statuses["withdrawn"], f"report on the campaign ledger: {found}")

    def campaign_check_ok(code, output):
        document = json.loads(output)
        expect(code == 0 and document["errors"] == 0
               and all(d["code"] == "possible-duplicate" for d in document["diagnostics"]),
               f"check on the campaign ledger: exit {code}, {document['errors']} errors")

    on_campaign = [str(BINARY), "--ledger", str(campaign), "--as-of", "2022-03-08"]
    row("report --all --format json (campaign ledger)", 1_000_000,
        best(on_campaign + ["report", "--all", "--format", "json"], args.repeat, campaign_report_ok),
        {"xsv frequency": xsv_campaign})
    row("check --format json (campaign ledger)", 1_000_000,
        best(on_campaign + ["check", "--format", "json"], args.repeat, campaign_check_ok),
        {"xsv frequency": xsv_campaign})

    # import of a 1M-row publication into a 50k-row ledger, on a fresh copy.
    if 1_000_000 in sizes:
        claims = generate("claims", 50_000, 1_000_000)
        claims_expected = json.loads((DATA / "claims-50000.json").read_text())
        work = DATA / "claims-work.csv"
        publication = DATA / "official-1000000.csv"

        def import_ok(code, output):
            result = json.loads(output)
            shutil.copy(claims, work)
            expect(code == 0 and all(result[k] == claims_expected[k] for k in ("confirmed", "lost", "added")),
                   f"import: {[(k, result[k], claims_expected[k]) for k in ('confirmed', 'lost', 'added')]}")

        shutil.copy(claims, work)
        imported = best([str(BINARY), "--ledger", str(work), "--candidate", "DUPRÉ Amélie", "--as-of", "2022-03-08",
                         "import", str(publication), "--format", "json"], args.repeat, import_ok)
        row("import (1M publication, 50k ledger)", 1_000_000, imported, {})

    # The register of elected officials: the real files of the shared data,
    # when they are there (they are personal data and stay outside the
    # project); a 500-claim ledger drawn from its mayors, and the real 2022
    # publication.
    shared = ROOT.parent / "shared" / "data"
    register = shared / "rne-2026"
    publication_2022 = shared / "cc-2022-parrainages.csv"
    if register.is_dir() and publication_2022.exists():
        files = sorted(str(f) for f in register.glob("*.csv"))
        for f in files:
            subprocess.run(["cat", f], stdout=subprocess.DEVNULL, check=True)
        ledger = DATA / "register-ledger-500.csv"
        with open(register / "elus-maires-mai.csv", encoding="utf-8-sig", newline="") as f:
            mayors = list(csv.DictReader(f, delimiter=";"))
        import random
        picked = random.Random(500).sample(mayors, 500)
        with open(ledger, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["status", "candidate", "last_name", "first_name", "mandate", "circonscription",
                             "department", "claimed_on"])
            for m in picked:
                writer.writerow(["claimed", "KAZIB Anasse", m["Nom de l'élu"], m["Prénom de l'élu"], "mayor",
                                 m["Libellé de la commune"],
                                 m["Code du département"] or m["Code de la collectivité à statut particulier"],
                                 "2026-11-01"])

        def xsv_count_ok(code, output):
            expect(code == 0, "xsv count failed")

        counted = best(["sh", "-c", " ".join(f"{xsv} count -d ';' '{f}' &&" for f in files) + " true"],
                       args.repeat, xsv_count_ok)

        def prospects_ok(code, output):
            result = json.loads(output)
            expect(code == 0 and result["excluded"]["ledger"] == 500 and result["register"]["persons"] > 0
                   and len(result["prospects"]) > 0, f"prospects: exit {code}")

        def check_register_ok(code, output):
            result = json.loads(output)
            expect(code == 0 and result["errors"] == 0
                   and not any(d["code"].endswith("-in-register") for d in result["diagnostics"]),
                   f"check --register: exit {code}, {result['errors']} errors")

        on_register = [str(BINARY), "--ledger", str(ledger), "--as-of", "2026-11-30", "--election", "2027"]
        row("prospects (register, 2022 publication, 500-row ledger) --format json", 41_407,
            best(on_register + ["prospects", "--register", str(register), "--publication", str(publication_2022),
                                "--format", "json"], args.repeat, prospects_ok),
            {"xsv count": counted})
        def call_list_ok(code, output):
            expect(code == 0 and output.count(b"\n") > 1000, f"prospects --format csv: exit {code}")

        row("prospects (same) --format csv, the call list", 41_407,
            best(on_register + ["prospects", "--register", str(register), "--publication", str(publication_2022),
                                "--format", "csv"], args.repeat, call_list_ok),
            {"xsv count": counted})
        row("check --register (500-row ledger)", 41_407,
            best(on_register + ["check", "--register", str(register), "--format", "json"], args.repeat,
                 check_register_ok),
            {"xsv count": counted})

    machine = f"{platform.machine()}, {os.cpu_count()} cores, {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, {platform.system()} {platform.release()}"
    lines = [f"Machine: {machine}. Best of {args.repeat} runs, file in page cache; every run's totals checked.", "",
             "| task | rows | parrainage | xsv frequency | pandas | polars |", "|---|---:|---:|---:|---:|---:|"]
    for task, n, (seconds, mib), others in rows:
        def cell(tool):
            if tool not in others:
                return "–"
            s, m = others[tool]
            return f"{s:.2f} s, {m:.0f} MiB"
        ratio = ""
        if "xsv frequency" in others:
            ratio = f" ({seconds / others['xsv frequency'][0]:.2f}× xsv)"
        elif "xsv count" in others:
            ratio = f" ({seconds / others['xsv count'][0]:.2f}× xsv count, {others['xsv count'][0]:.2f} s)"
        lines.append(f"| {task} | {n:,} | {seconds:.2f} s, {mib:.0f} MiB{ratio} | {cell('xsv frequency')} | "
                     f"{cell('pandas')} | {cell('polars')} |")
    table = "\n".join(lines)
    (BENCH / "results.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    try:
        main()
    except Wrong as wrong:
        sys.exit(f"wrong result: {wrong}")
