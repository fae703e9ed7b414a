"""Benchmark f of bench/run (issue 16): the staff workplace's lists at national scale. Fills a
fresh PostgreSQL database with CASES cases (OPEN_SHARE of them open, in 20 regions, the rest
closed), starts `ruqsat serve --demo --no-worker` on it, signs in as the Almaty supervisor and
times, ROUNDS times each, sequentially: the queue's first page, its next page (the keyset cursor
of the first), a search by passport number, a search by application number (both open cases),
a search that finds nothing, and the API's queue (`GET /api/v1/queue`: its first page, the next
page, 500 at once). Prints `key value` lines:
for each list its p50, p95 and max in milliseconds.

Usage: lists.py RUQSAT_BINARY ADMIN_URL [CASES] [ROUNDS]
"""

import http.cookiejar
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

binary, admin = sys.argv[1], sys.argv[2]
cases = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 200
open_share = 0.05
database = "ruqsat_bench_lists"
url = admin.rsplit("/", 1)[0] + "/" + database
work = tempfile.mkdtemp(prefix="ruqsat-lists.")


def psql(target, *commands):
    args = ["psql", target, "-q", "-v", "ON_ERROR_STOP=1"]
    for command in commands:
        args += ["-c", command]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


psql(admin, f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database}")
environment = {"RUQSAT_AUDIT_KEY_FILE": f"{work}/audit.key", "RUQSAT_SEAL_KEYS": f"{work}/seal-keys", "PATH": "/usr/bin:/bin"}
# Migrations and the demo (accounts, a few cases) by the service itself, then the bulk.
port = socket.socket()
port.bind(("127.0.0.1", 0))
listen = f"127.0.0.1:{port.getsockname()[1]}"
port.close()


def serve():
    return subprocess.Popen(
        [binary, "serve", "--demo", "--no-worker", "--database", url, "--listen", listen,
         "--public-lookups-per-minute", "0", "--notifications", f"{work}/notifications.jsonl"],
        env=environment, stdout=subprocess.DEVNULL, stderr=open(f"{work}/serve.log", "w"))


def wait():
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://{listen}/health", timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    sys.exit(f"the service did not start: {open(f'{work}/serve.log').read()[-2000:]}")


server = serve()
wait()
server.terminate()
server.wait()
application = json.load(open("examples/api/submit-trp.json"))["application"]
template = json.dumps(application, ensure_ascii=False).replace("'", "''")
number = application["applicant"]["passport"]["number"]
regions = ["abai", "akmola", "aktobe", "almaty", "almaty_region", "astana", "atyrau", "east_kazakhstan", "jambyl",
           "jetisu", "karaganda", "kostanay", "kyzylorda", "mangystau", "north_kazakhstan", "pavlodar", "shymkent",
           "turkistan", "ulytau", "west_kazakhstan"]
region_array = "ARRAY[" + ", ".join(f"'{region}'" for region in regions) + "]"
started = time.perf_counter()
psql(url, f"""
INSERT INTO cases (number, service, channel, region, state, submitted_at, due_at, passport_number, iin, application,
                   created_at, updated_at)
SELECT 'BL-' || lpad(i::text, 8, '0'),
       CASE WHEN i % 3 = 0 THEN 'prp' ELSE 'trp' END,
       CASE WHEN i % 4 = 0 THEN 'state_corporation' WHEN i % 4 = 1 THEN 'portal' ELSE 'desk' END,
       ({region_array})[1 + (i::bigint * 7919) % 20],
       CASE WHEN (i::bigint * 104729) % 1000 < {int(open_share * 1000)} THEN (ARRAY['accepted','proposed','checks_done','awaiting_signature'])[1 + i % 4]
            ELSE 'handed_over' END,
       to_char(timestamp '2024-01-01' + (i % 500) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(timestamp '2024-01-02' + (i % 700) * interval '1 day' + (i % 86400) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       'FL' || lpad(i::text, 8, '0'),
       NULL,
       CASE WHEN (i::bigint * 104729) % 1000 < {int(open_share * 1000)} THEN replace('{template}', '"{number}"', '"FL' || lpad(i::text, 8, '0') || '"') ELSE '{{}}' END,
       '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z'
FROM generate_series(1, {cases}) AS i
""", "VACUUM ANALYZE")
fill_s = time.perf_counter() - started
open_cases = subprocess.run(["psql", url, "-At", "-c", "SELECT count(*) FROM cases WHERE state <> 'handed_over'"],
                            check=True, capture_output=True, text=True).stdout.strip()
# An open case of Almaty to search for.
probe = subprocess.run(["psql", url, "-At", "-F", ",", "-c",
                        "SELECT number, passport_number FROM cases WHERE region = 'almaty' AND state = 'proposed' "
                        "AND number LIKE 'BL-%' ORDER BY id DESC LIMIT 1"],
                       check=True, capture_output=True, text=True).stdout.strip().split(",")
server = serve()
wait()
try:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://{listen}"
    login = opener.open(f"{base}/login").read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "login": "supervisor.almaty", "password": "demo-supervisor-almaty"}).encode()
    opener.open(f"{base}/login", data=body).read()
    first = opener.open(f"{base}/officer").read().decode()
    cursor = re.search(r'href="/officer\?[^"]*after=([^"&]+)', first)
    targets = {
        "queue first page": "/officer",
        "queue next page": f"/officer?after={cursor.group(1)}" if cursor else "/officer",
        "search by passport": f"/officer?q={probe[1]}",
        "search by number": f"/officer?q={probe[0]}",
        "search finding nothing": "/officer?q=NOSUCH0000",
    }
    results = {}
    for name, target in targets.items():
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            page = opener.open(base + target).read()
            times.append((time.perf_counter() - started) * 1000)
        if name.startswith("search by"):
            assert probe[1].encode() in page or probe[0].encode() in page, f"{name}: the case is not on the page"
        results[name] = times
    # The API's queue of every region as the auditor: its first page (100 cases), the next page
    # (the `Link` header's address), and 500 at once (the most one answer holds; for information).
    def timed(target):
        times, link = [], None
        request = urllib.request.Request(base + target, headers={"Authorization": "Bearer demo-auditor"})
        for _ in range(rounds):
            started = time.perf_counter()
            with urllib.request.urlopen(request) as response:
                response.read()
                link = response.headers.get("Link")
            times.append((time.perf_counter() - started) * 1000)
        return times, link

    results["API queue first page, every region (auditor)"], link = timed("/api/v1/queue")
    assert link and 'rel="next"' in link, f"the API's queue has no next page: {link}"
    results["API queue next page"], _ = timed(link[1:link.index(">")])
    results["(API queue, 500 at once)"], _ = timed("/api/v1/queue?limit=500")
finally:
    server.terminate()
    server.wait()
    psql(admin, f"DROP DATABASE IF EXISTS {database}")
    subprocess.run(["rm", "-rf", work])

print("cases", cases)
print("open", open_cases)
print("fill_s", f"{fill_s:.1f}")
for name, times in results.items():
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"list {name}|{statistics.median(times):.1f}|{p95:.1f}|{times[-1]:.1f}")
