#!/usr/bin/env python3
"""Writes the official list of communes and EPCI that the crate embeds.

The source is the npm package @etalab/decoupage-administratif (Etalab's
packaging of INSEE's Code officiel géographique, with populations,
communes déléguées and associées, arrondissements municipaux, and the
DGCL's list of EPCI à fiscalité propre with their member communes).
Version 6.0.0 is the 2026 vintage.

    python3 scripts/communes.py                      # npm pack, then write the tables
    python3 scripts/communes.py --tarball FILE.tgz   # from a package already downloaded

It fetches the package with `npm pack` (which checks the registry's
integrity hash), reads data/communes.json and data/epci.json from the
tarball, and writes:

    src/official/communes.tsv   one commune a line: kind, INSEE code,
                                département, name, population, parent
    src/official/epci.tsv       one EPCI a line: SIREN, type, name,
                                INSEE codes of its member communes

then prints the counts that tests/test_communes.rs checks, so that a new
vintage says what the test must expect. Only the standard library.
"""

import argparse
import collections
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
VINTAGE = "2026"
OUT = Path(__file__).resolve().parent.parent / "src" / "official"

# The package's types, and the letter the table writes for each.
KINDS = {
    "commune-actuelle": "C",
    "commune-deleguee": "D",
    "commune-associee": "A",
    "arrondissement-municipal": "M",
}


def fetch(version, into):
    """The package's tarball, by npm's own client."""
    done = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--pack-destination", into, "--silent"],
        check=True, capture_output=True, text=True,
    )
    name = done.stdout.strip().splitlines()[-1]
    return Path(into) / name


def read(tarball):
    with tarfile.open(tarball, "r:gz") as archive:
        def member(name):
            return json.load(io.TextIOWrapper(archive.extractfile(f"package/data/{name}"), encoding="utf-8"))
        manifest = json.load(io.TextIOWrapper(archive.extractfile("package/package.json"), encoding="utf-8"))
        return manifest["version"], member("communes.json"), member("epci.json")


def clean(text):
    """A value as the table holds it: no tab, no line end."""
    if any(c in text for c in "\t\r\n"):
        sys.exit(f"unexpected tab or line end in {text!r}")
    return text


def communes_table(version, communes):
    lines = [
        f"# Communes of France: {PACKAGE} {version} (INSEE, Code officiel géographique, {VINTAGE}).",
        "# Data: Licence Ouverte (Etalab); package: MIT. Written by scripts/communes.py: do not edit.",
        "# Columns, tab-separated: kind (C commune, D commune déléguée, A commune associée,",
        "# M arrondissement municipal), INSEE code, département, name, population, and for D, A",
        "# and M the INSEE code of the commune it belongs to. Sorted by département, then code.",
    ]
    rank = {kind: i for i, kind in enumerate(KINDS)}
    rows = sorted(communes, key=lambda c: (c["departement"], c["code"], rank[c["type"]]))
    for c in rows:
        parent = c.get("chefLieu") or c.get("commune") or ""
        if c["type"] == "commune-actuelle":
            parent = ""
        population = c.get("population")
        fields = [KINDS[c["type"]], c["code"], c["departement"], clean(c["nom"]),
                  "" if population is None else str(population), parent]
        while fields[-1] == "":
            fields.pop()
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def epci_table(version, epcis):
    lines = [
        f"# EPCI à fiscalité propre: {PACKAGE} {version} (DGCL, {VINTAGE}).",
        "# Data: Licence Ouverte (Etalab); package: MIT. Written by scripts/communes.py: do not edit.",
        "# Columns, tab-separated: SIREN, type (CC, CA, CU, METRO, MET69), name, INSEE codes of",
        "# the member communes (space-separated). Sorted by SIREN.",
    ]
    for e in sorted(epcis, key=lambda e: e["code"]):
        members = " ".join(m["code"] for m in e["membres"])
        lines.append("\t".join([e["code"], e["type"], clean(e["nom"]), members]))
    return "\n".join(lines) + "\n"


def counts(communes, epcis):
    by_type = collections.Counter(c["type"] for c in communes)
    departments = collections.Counter(c["departement"] for c in communes if c["type"] == "commune-actuelle")
    print("communes by type:", dict(sorted(by_type.items())))
    print("départements with communes:", len(departments))
    print("communes by département:", ", ".join(f'("{d}", {n})' for d, n in sorted(departments.items())))
    print("EPCI:", len(epcis), "by type:", dict(sorted(collections.Counter(e["type"] for e in epcis).items())),
          "members:", sum(len(e["membres"]) for e in epcis))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION, help=f"the package's version (default {VERSION})")
    parser.add_argument("--tarball", help="a tarball of the package already downloaded (npm pack)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = Path(args.tarball) if args.tarball else fetch(args.version, tmp)
        version, communes, epcis = read(tarball)
    if version != args.version:
        sys.exit(f"the tarball holds version {version}, not {args.version}")
    (OUT / "communes.tsv").write_text(communes_table(version, communes), encoding="utf-8")
    (OUT / "epci.tsv").write_text(epci_table(version, epcis), encoding="utf-8")
    print(f"wrote {OUT / 'communes.tsv'} and {OUT / 'epci.tsv'} from {PACKAGE} {version}")
    counts(communes, epcis)


if __name__ == "__main__":
    main()
