#!/usr/bin/env python3
"""Every output of the commands the fast path serves, written to files, so
that two builds can be compared byte for byte (`cmp`) before a change to
the engine is kept.

Runs report (every format, --all and one candidate), check (every format),
list, diff, import (its output and the ledger it leaves) and prospects
(every format) and check --register, on the benchmark's data (bench/data,
made by run.py or generate.py) and on the real files of ../shared/data
where they are. Each output is a file named after the command; its exit
code is the file's last line.

Usage: outputs.py DIR [--binary PATH]       writes the outputs into DIR
       outputs.py --compare DIR1 DIR2       cmp each file of DIR1 with DIR2's
"""

import argparse
import csv
import random
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
SHARED = ROOT.parent / "shared" / "data"


def register_ledger(register, path):
    """A ledger of 500 claims drawn from the register's mayors (run.py's
    too)."""
    with open(register / "elus-maires-mai.csv", encoding="utf-8-sig", newline="") as f:
        mayors = list(csv.DictReader(f, delimiter=";"))
    picked = random.Random(500).sample(mayors, 500)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["status", "candidate", "last_name", "first_name", "mandate", "circonscription",
                         "department", "claimed_on"])
        for m in picked:
            writer.writerow(["claimed", "KAZIB Anasse", m["Nom de l'élu"], m["Prénom de l'élu"], "mayor",
                             m["Libellé de la commune"],
                             m["Code du département"] or m["Code de la collectivité à statut particulier"],
                             "2026-11-01"])


def write_outputs(out, binary):
    out.mkdir(parents=True, exist_ok=True)
    # One place for the files an import changes, whatever DIR is: their
    # paths are in the outputs.
    work = DATA / "outputs-work"
    work.mkdir(parents=True, exist_ok=True)
    count = 0

    def run(name, args, cwd=None):
        nonlocal count
        process = subprocess.run([binary, *args], capture_output=True, cwd=cwd)
        (out / name).write_bytes(process.stdout + b"\n--- stderr\n" + process.stderr
                                 + f"\n--- exit {process.returncode}\n".encode())
        count += 1

    ledgers = {}
    for n in (13000, 1_000_000, 5_000_000, 10_000_000):
        if (DATA / f"official-{n}.csv").exists():
            ledgers[f"official-{n}"] = (DATA / f"official-{n}.csv", "2022-03-08")
    if (DATA / "campaign-1000000.csv").exists():
        ledgers["campaign-1000000"] = (DATA / "campaign-1000000.csv", "2022-03-08")
    for name, file in [("cc-2017", "cc-2017-parrainages.csv"), ("cc-2022-csv", "cc-2022-parrainages.csv"),
                       ("cc-2022-json", "cc-2022-parrainages.json")]:
        if (SHARED / file).exists():
            ledgers[name] = (SHARED / file, "2022-03-08" if "2022" in name else "2017-03-18")
    for name, (path, day) in ledgers.items():
        base = ["--ledger", str(path), "--as-of", day]
        big = name.startswith("official-") and name != "official-13000"
        for fmt in ("table", "json", "csv", "markdown", "html"):
            run(f"{name}.report-all.{fmt}", base + ["report", "--all", "--format", fmt])
            run(f"{name}.report-all.{fmt}.fr", ["--lang", "fr"] + base + ["report", "--all", "--format", fmt])
            run(f"{name}.report-one.{fmt}", base + ["--candidate", "DUPRÉ Amélie" if name.startswith(("official",
                "campaign")) else "MACRON Emmanuel", "report", "--format", fmt])
        for fmt in ("table", "json", "github", "markdown"):
            run(f"{name}.check.{fmt}", base + ["check", "--format", fmt])
        if not big:
            for fmt in ("csv", "json"):
                run(f"{name}.list.{fmt}", base + ["list", "--format", fmt])
    if (SHARED / "cc-2022-parrainages.csv").exists():
        for fmt in ("table", "json", "markdown", "csv"):
            run(f"diff-2022-csv-json.{fmt}", ["diff", str(SHARED / "cc-2022-parrainages.csv"),
                                              str(SHARED / "cc-2022-parrainages.json"), "--format", fmt])

    # import: its output and the ledger it leaves, on a fresh copy each time.
    claims = DATA / "claims-50000.csv"
    publication = DATA / "official-1000000.csv"
    if claims.exists() and publication.exists():
        for fmt in ("table", "json"):
            ledger = work / "claims.csv"
            shutil.copy(claims, ledger)
            run(f"import-claims-50000.{fmt}", ["--ledger", str(ledger), "--candidate", "DUPRÉ Amélie", "--as-of",
                                              "2022-03-08", "import", str(publication), "--format", fmt])
            shutil.copy(ledger, out / f"import-claims-50000.{fmt}.ledger")
            count += 1

    register = SHARED / "rne-2026"
    if register.is_dir() and (SHARED / "cc-2022-parrainages.csv").exists():
        ledger = work / "register-ledger-500.csv"
        register_ledger(register, ledger)
        base = ["--ledger", str(ledger), "--as-of", "2026-11-30", "--election", "2027"]
        for fmt in ("table", "json", "csv"):
            run(f"prospects.{fmt}", base + ["prospects", "--register", str(register), "--publication",
                                            str(SHARED / "cc-2022-parrainages.csv"), "--format", fmt])
        run("prospects-no-publication.json", base + ["prospects", "--register", str(register), "--format", "json"])
        for fmt in ("table", "json"):
            run(f"check-register.{fmt}", base + ["check", "--register", str(register), "--format", fmt])
        # import of the real 2022 publication into the register's ledger.
        for fmt in ("table", "json"):
            copy = work / "import-real.csv"
            shutil.copy(ledger, copy)
            run(f"import-real-2022.{fmt}", ["--ledger", str(copy), "--candidate", "KAZIB Anasse", "--as-of",
                                           "2022-03-08", "--election", "2022", "import",
                                           str(SHARED / "cc-2022-parrainages.csv"), "--format", fmt])
            shutil.copy(copy, out / f"import-real-2022.{fmt}.ledger")
            count += 1
    shutil.rmtree(work)
    print(f"{count} outputs written to {out}")


def compare(first, second):
    names = sorted({p.name for p in first.iterdir()} | {p.name for p in second.iterdir()})
    differ = []
    for name in names:
        a, b = first / name, second / name
        if not a.exists() or not b.exists() or subprocess.run(["cmp", "-s", str(a), str(b)]).returncode != 0:
            differ.append(name)
    print(f"{len(names)} outputs compared with cmp, {len(differ)} differ")
    for name in differ:
        print(f"  differs: {name}")
    return not differ


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "parrainage"))
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.compare:
        sys.exit(0 if compare(*args.dirs) else 1)
    write_outputs(args.dirs[0], args.binary)
