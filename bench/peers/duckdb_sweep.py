"""The DuckDB side of bench/peers/sweep.sh: loads the generated holders and crossings CSV files
into in-memory tables, then runs bench/peers/art49_15.sql (the art49.15 computation) ROUNDS
times on the loaded tables, and writes the flagged set (passport,period_from, sorted).

Usage: duckdb_sweep.py FEED_CSV HOLDERS_CSV AS_OF MIN_DAYS OUT_FILE [ROUNDS]
Prints `key value` lines on stdout: version, threads, crossings, holders, load_s, query_s
(one per round, in order), flagged.
"""

import pathlib
import sys
import time

import duckdb

feed, holders, as_of, min_days, out = sys.argv[1:6]
rounds = int(sys.argv[6]) if len(sys.argv) > 6 else 2
query = (pathlib.Path(__file__).parent / "art49_15.sql").read_text()

con = duckdb.connect()  # in memory, all cores
con.execute(f"SET VARIABLE as_of = DATE '{as_of}'")
con.execute(f"SET VARIABLE min_days = {int(min_days)}")

started = time.perf_counter()
con.execute(
    "CREATE TABLE crossings AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {"
    "'crossing_id': 'VARCHAR', 'iin': 'VARCHAR', 'passport': 'VARCHAR', 'direction': 'VARCHAR', "
    "'at': 'TIMESTAMP', 'checkpoint': 'VARCHAR'})",
    [feed],
)
con.execute(
    "CREATE TABLE holders AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {"
    "'passport': 'VARCHAR', 'issued_on': 'DATE'})",
    [holders],
)
load = time.perf_counter() - started

times = []
for _ in range(rounds):
    started = time.perf_counter()
    con.execute(query)
    times.append(time.perf_counter() - started)

rows = con.execute("SELECT passport, period_from FROM flagged ORDER BY passport, period_from").fetchall()
with open(out, "w") as file:
    for passport, period_from in rows:
        file.write(f"{passport},{period_from}\n")

print("version", duckdb.__version__)
print("threads", con.execute("SELECT current_setting('threads')").fetchone()[0])
print("crossings", con.execute("SELECT count(*) FROM crossings").fetchone()[0])
print("holders", con.execute("SELECT count(*) FROM holders").fetchone()[0])
print("load_s", f"{load:.3f}")
for seconds in times:
    print("query_s", f"{seconds:.3f}")
print("flagged", len(rows))
