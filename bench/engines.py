"""The work of `parrainage report --all` in DuckDB or polars, for the
benchmark: per candidate (names folded: case, accents and every character
but letters and digits), the distinct officials (folded last name, first
name, département, mandate, circonscription), the distinct départements,
and the capped sum (Σ over départements of min(count, 50)). Run only by
bench/run.py, in its own venv with the versions pinned there.

With `raw`, the officials' values are compared as written, not folded:
less work than parrainage does (only the few distinct candidate
spellings are folded, then joined back), and the same totals on the
benchmark's data, whose officials are written the same way each time. It
is the engines' best case; `folded` is the same work as parrainage's.

Prints one JSON object: {"rows": N, "candidates": {folded name:
{"validated": n, "departments": d, "usable": u}}}.
Usage: engines.py duckdb|polars folded|raw FILE
"""

import json
import sys

CAP = 50
engine, keys, path = sys.argv[1], sys.argv[2], sys.argv[3]
if keys not in ("folded", "raw"):
    sys.exit(__doc__)

if engine == "duckdb":
    import duckdb

    def fold(column):
        # œ and æ are letters of their own, not accented ones.
        # An empty value is read as NULL, which would make the key NULL.
        text = f"coalesce({column}, '')"
        for letter, plain in [("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae")]:
            text = f"replace({text}, '{letter}', '{plain}')"
        return f"regexp_replace(lower(strip_accents({text})), '[^a-z0-9]', '', 'g')"

    source = "read_csv(?, delim = ';', header = true, all_varchar = true, quote = '\"')"
    if keys == "folded":
        rows = f"""SELECT {fold('Candidat')} AS candidate,
                   {fold('Nom')} || '|' || {fold('"Prénom"')} || '|' || "Département" || '|'
                       || {fold('Mandat')} || '|' || {fold('Circonscription')} AS official,
                   "Département" AS unit
            FROM {source}"""
    else:
        rows = f"""WITH raw AS (
                SELECT Candidat AS spelling, "Département" AS unit,
                       concat_ws('|', Nom, "Prénom", "Département", Mandat, Circonscription) AS official
                FROM {source}),
            names AS (SELECT spelling, {fold('spelling')} AS candidate FROM (SELECT DISTINCT spelling FROM raw))
            SELECT candidate, official, unit FROM raw JOIN names USING (spelling)"""
    query = f"""
        WITH rows AS ({rows}),
        officials AS (SELECT DISTINCT candidate, official, unit FROM rows),
        units AS (SELECT candidate, unit, count(*) AS n FROM officials GROUP BY candidate, unit)
        SELECT candidate, sum(n)::BIGINT, count(*)::BIGINT, sum(least(n, {CAP}))::BIGINT,
               (SELECT count(*) FROM rows)
        FROM units GROUP BY candidate
    """
    found = duckdb.execute(query, [path]).fetchall()
    rows = found[0][4] if found else 0
    candidates = {c: {"validated": v, "departments": d, "usable": u} for c, v, d, u, _ in found}
elif engine == "polars":
    import polars as pl

    def fold(column):
        # An empty value is read as null, which would make the key null.
        text = pl.col(column).fill_null("")
        for letter, plain in [("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae")]:
            text = text.str.replace_all(letter, plain, literal=True)
        return text.str.normalize("NFKD").str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")

    frame = pl.scan_csv(path, separator=";", infer_schema=False)
    rows = frame.select(pl.len()).collect().item()
    if keys == "folded":
        officials = frame.select(
            fold("Candidat").alias("candidate"),
            pl.concat_str([fold("Nom"), fold("Prénom"), pl.col("Département"), fold("Mandat"),
                           fold("Circonscription")], separator="|").alias("official"),
            pl.col("Département").alias("unit"),
        )
    else:
        names = frame.select(pl.col("Candidat").unique()).with_columns(fold("Candidat").alias("candidate"))
        officials = frame.select(
            pl.col("Candidat"),
            pl.concat_str([pl.col(c).fill_null("") for c in ("Nom", "Prénom", "Département", "Mandat",
                                                             "Circonscription")], separator="|").alias("official"),
            pl.col("Département").alias("unit"),
        ).join(names, on="Candidat").select("candidate", "official", "unit")
    officials = officials.unique(["candidate", "official", "unit"])
    units = officials.group_by("candidate", "unit").agg(pl.len().alias("n"))
    result = units.group_by("candidate").agg(
        pl.col("n").sum().alias("validated"),
        pl.len().alias("departments"),
        pl.col("n").clip(upper_bound=CAP).sum().alias("usable"),
    ).collect()
    candidates = {c: {"validated": v, "departments": d, "usable": u}
                  for c, v, d, u in result.select("candidate", "validated", "departments", "usable").iter_rows()}
else:
    sys.exit(__doc__)
print(json.dumps({"rows": rows, "candidates": candidates}, ensure_ascii=False))
