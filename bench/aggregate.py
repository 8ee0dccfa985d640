"""The aggregation xsv frequency does, in pandas or polars: how many rows
for each value of Candidat, Mandat and Département. Prints one JSON line:
{"rows": N, "candidates": {name: count}}. Usage: aggregate.py pandas|polars FILE"""

import json
import sys

library, path = sys.argv[1], sys.argv[2]
columns = ["Candidat", "Mandat", "Département"]
if library == "pandas":
    import pandas

    frame = pandas.read_csv(path, sep=";", dtype=str, usecols=columns, keep_default_na=False)
    counts = {column: frame[column].value_counts() for column in columns}
    result = {"rows": int(len(frame)), "candidates": {k: int(v) for k, v in counts["Candidat"].items()}}
else:
    import polars

    frame = polars.read_csv(path, separator=";", infer_schema=False, columns=columns)
    counts = {column: frame[column].value_counts() for column in columns}
    result = {"rows": frame.height, "candidates": dict(counts["Candidat"].iter_rows())}
print(json.dumps(result, ensure_ascii=False))
