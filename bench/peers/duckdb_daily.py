"""The DuckDB side of bench/peers/daily.sh: loads the history of crossings and the holders into
in-memory tables (not timed), then ROUNDS times appends the day's crossings and runs
bench/peers/art49_15.sql for every holder (timed: the day's cycle), removing the day's rows
between rounds; writes the flagged set (passport,period_from, sorted).

Usage: duckdb_daily.py HISTORY_CSV DAY_CSV HOLDERS_CSV AS_OF MIN_DAYS OUT_FILE [ROUNDS]
Prints `key value` lines: version, threads, crossings, day_rows, load_s, append_s and query_s
(one per round), flagged.
"""

import pathlib
import sys
import time

import duckdb

history, day, holders, as_of, min_days, out = sys.argv[1:7]
rounds = int(sys.argv[7]) if len(sys.argv) > 7 else 2
query = (pathlib.Path(__file__).parent / "art49_15.sql").read_text()
columns = (
    "{'crossing_id': 'VARCHAR', 'iin': 'VARCHAR', 'passport': 'VARCHAR', 'direction': 'VARCHAR', "
    "'at': 'TIMESTAMP', 'checkpoint': 'VARCHAR'}"
)

con = duckdb.connect()  # in memory, all cores
con.execute(f"SET VARIABLE as_of = DATE '{as_of}'")
con.execute(f"SET VARIABLE min_days = {int(min_days)}")
started = time.perf_counter()
con.execute(f"CREATE TABLE crossings AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {columns})", [history])
con.execute(
    "CREATE TABLE holders AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {"
    "'passport': 'VARCHAR', 'issued_on': 'DATE'})",
    [holders],
)
load = time.perf_counter() - started
before = con.execute("SELECT count(*) FROM crossings").fetchone()[0]

appends, queries = [], []
for round in range(rounds):
    if round > 0:
        con.execute("DELETE FROM crossings WHERE CAST(\"at\" AS DATE) = getvariable('as_of')")
    started = time.perf_counter()
    con.execute(f"INSERT INTO crossings SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {columns})", [day])
    appended = time.perf_counter()
    con.execute(query)
    done = time.perf_counter()
    appends.append(appended - started)
    queries.append(done - appended)

rows = con.execute("SELECT passport, period_from FROM flagged ORDER BY passport, period_from").fetchall()
with open(out, "w") as file:
    for passport, period_from in rows:
        file.write(f"{passport},{period_from}\n")

print("version", duckdb.__version__)
print("threads", con.execute("SELECT current_setting('threads')").fetchone()[0])
print("crossings", con.execute("SELECT count(*) FROM crossings").fetchone()[0])
print("day_rows", con.execute("SELECT count(*) FROM crossings").fetchone()[0] - before)
print("load_s", f"{load:.3f}")
for seconds in appends:
    print("append_s", f"{seconds:.3f}")
for seconds in queries:
    print("query_s", f"{seconds:.3f}")
print("flagged", len(rows))
