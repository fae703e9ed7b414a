#!/usr/bin/env python3
"""Reliability tests of whole `ruqsat serve` processes on one PostgreSQL, loopback only.

Usage: reliability.py BINARY DATABASE_URL   (a PostgreSQL URL of a server we may create databases on)

1. kill -9 under load, on PostgreSQL and on SQLite: a load generator submits applications; the
   server is killed with SIGKILL in the middle; after a restart every acknowledged application is
   present exactly once with its `submit` audit entry, a client that retries with its
   Idempotency-Key gets the original case, and `ruqsat audit verify` passes.
2. Faulty registries: the simulated registries fail 30% of queries and hang on 10% (past the
   client's timeout); every case ends proposed (decided by the engine), none is lost, and none is
   proposed on missing facts (every check of the proposal has its answer).
3. Two processes on one database: every case is checked and proposed exactly once, every
   notification is sent exactly once, the daily sweep runs once.
4. Graceful shutdown: a request in flight when SIGTERM arrives is answered; the process exits 0.
5. A full disk under SQLite (`disk-full`, root only: a small tmpfs holds the database and its
   audit key): applications are submitted in a burst while a filler file fills the file system;
   every one answered 201 is on disk after the space is freed, more submissions and a SIGKILL and
   restart; no application number is given twice; while the disk is full `/health` answers 503
   or the writes fail cleanly (5xx, never a 201 that is lost); `ruqsat audit verify` passes.

Each part is bounded in time; the script exits non-zero on the first broken promise.
Only Python's standard library is used.
"""

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from esign import Signer

BINARY, ADMIN_URL = sys.argv[1], sys.argv[2]
WORK = tempfile.mkdtemp(prefix="ruqsat-reliability-")
EXAMPLE = json.load(open(os.path.join(os.path.dirname(__file__), "../../examples/api/submit-trp.json")))
PROCESSES = []
# The seal key directory of the server on each port (where the demo applicant's key is).
KEY_DIRS = {}
# The installation's audit key (PostgreSQL needs it named; SQLite keeps FILE.audit-key beside).
AUDIT_KEY = os.path.join(WORK, "audit.key")
# Its permit seal keys (PostgreSQL needs them named too; SQLite keeps FILE.seal-keys beside).
SEAL_KEYS = os.path.join(WORK, "seal-keys")


def say(message):
    print(f"[reliability] {message}", flush=True)


def fail(message):
    say(f"FAILED: {message}")
    for process in PROCESSES:
        if process.poll() is None:
            process.kill()
    sys.exit(1)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database(name):
    subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"CREATE DATABASE {name}"], check=True)
    base = ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


def sql(url, query):
    if url.startswith("sqlite://"):
        with sqlite3.connect(url[len("sqlite://"):]) as connection:
            return [[str(value) for value in row] for row in connection.execute(query).fetchall()]
    out = subprocess.run(["psql", "-At", url, "-c", query], check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.strip().splitlines() if line]


def audit_verify(database):
    result = subprocess.run([BINARY, "--audit-key-file", AUDIT_KEY, "audit", "verify", "--database", database]
                            if not database.startswith("sqlite://") else
                            [BINARY, "audit", "verify", "--database", database],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"ruqsat audit verify failed on {database}: {result.stdout}{result.stderr}")
    return result.stdout.strip()


def start(database, port, log_name, *extra):
    log = open(os.path.join(WORK, log_name), "a")
    notifications = os.path.join(WORK, f"{log_name}.notifications.jsonl")
    key = [] if database.startswith("sqlite://") else ["--audit-key-file", AUDIT_KEY, "--seal-keys", SEAL_KEYS]
    KEY_DIRS[port] = (database[len("sqlite://"):].split("?")[0] + ".seal-keys"
                      if database.startswith("sqlite://") else SEAL_KEYS)
    process = subprocess.Popen(
        [BINARY, *key, "serve", "--demo", "--database", database, "--listen", f"127.0.0.1:{port}",
         "--notifications", notifications, *extra],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "RUST_LOG": "info"},
    )
    PROCESSES.append(process)
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            fail(f"the server exited at start; see {log.name}:\n" + open(log.name).read()[-3000:])
        try:
            if request(port, "GET", "/health")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    fail("the server did not answer /health within 60 s")


def request(port, method, path, body=None, token=None, key=None, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key:
        headers["Idempotency-Key"] = key
    payload = None if body is None else json.dumps(body)
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    try:
        return response.status, json.loads(data)
    except ValueError:
        return response.status, data.decode("utf-8", "replace")


SIGNERS = {}
SIGNED = {}


def application(serial, prefix, port):
    """The example application of passport PREFIX+serial, signed by the demo applicant of the
    server on `port` (the portal's applications carry the applicant's signature). Signed once: a
    retry sends the same bytes (a signature differs at each signing), as a portal does."""
    directory = KEY_DIRS[port]
    if (directory, serial, prefix) not in SIGNED:
        body = json.loads(json.dumps(EXAMPLE))
        body["application"]["applicant"]["passport"]["number"] = f"{prefix}{serial:07d}"
        if directory not in SIGNERS:
            SIGNERS[directory] = Signer(directory)
        SIGNED[(directory, serial, prefix)] = SIGNERS[directory].sign(body)
    return SIGNED[(directory, serial, prefix)]


def submit(port, serial, prefix, key=None):
    return request(port, "POST", "/api/v1/applications", application(serial, prefix, port), "demo-portal",
                   key or f"{prefix}-{serial}")


def wait_until(what, check, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        result = check()
        if result is True:
            return
        time.sleep(0.5)
    fail(f"{what} did not happen within {seconds} s (last: {result})")


def case_states(database, prefix):
    rows = sql(database, f"SELECT state, COUNT(*) FROM cases WHERE passport_number LIKE '{prefix}%' GROUP BY state")
    return {state: int(count) for state, count in rows}


def kill_under_load(backend):
    say(f"1. kill -9 under load on {backend}, then restart and retry with the same keys")
    if backend == "sqlite":
        database = f"sqlite://{WORK}/kill.db"
    else:
        database = fresh_database("ruqsat_reliability_kill")
    port = free_port()
    server = start(database, port, "kill.log")
    acknowledged = {}  # serial -> case id
    lock = threading.Lock()
    stop = threading.Event()

    def load(worker):
        serial = worker * 100000
        while not stop.is_set():
            serial += 1
            try:
                status, answer = submit(port, serial, "KL", key=f"KL-{serial}")
            except OSError:
                continue  # the server is gone: this one was never acknowledged
            if status == 201:
                with lock:
                    acknowledged[serial] = answer["id"]

    threads = [threading.Thread(target=load, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    server.send_signal(signal.SIGKILL)
    server.wait()
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    if len(acknowledged) < 20:
        fail(f"only {len(acknowledged)} applications were acknowledged before the kill")
    say(f"   {len(acknowledged)} applications acknowledged before SIGKILL")
    server = start(database, port, "kill.log")
    stored = dict(
        (int(passport[2:]), int(count))
        for passport, count in sql(database, "SELECT passport_number, COUNT(*) FROM cases WHERE passport_number LIKE 'KL%' GROUP BY passport_number")
    )
    lost = [serial for serial in acknowledged if stored.get(serial) != 1]
    if lost:
        fail(f"acknowledged applications missing or doubled after the restart: {lost[:10]}")
    doubled = [serial for serial, count in stored.items() if count != 1]
    if doubled:
        fail(f"applications stored more than once: {doubled[:10]}")
    audited = dict(
        (int(case_id), int(count))
        for case_id, count in sql(database, "SELECT case_id, COUNT(*) FROM audit_log WHERE action = 'submit' GROUP BY case_id")
    )
    unaudited = [case_id for case_id in acknowledged.values() if audited.get(case_id) != 1]
    if unaudited:
        fail(f"acknowledged cases without exactly one submit audit entry: {unaudited[:10]}")
    for serial, case_id in list(acknowledged.items())[:50]:
        status, answer = submit(port, serial, "KL", key=f"KL-{serial}")
        if status not in (200, 201) or answer.get("id") != case_id:
            fail(f"the retry of KL-{serial} got {status} {answer}, not case {case_id}")
    # A client that never got its answer retries too: it gets one case, whatever happened.
    unanswered = max(acknowledged) + 1
    first = submit(port, unanswered, "KL", key=f"KL-{unanswered}")
    again = submit(port, unanswered, "KL", key=f"KL-{unanswered}")
    if first[1].get("id") != again[1].get("id"):
        fail(f"two retries of one key gave two cases: {first} {again}")
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    submits = sql(database, f"SELECT COUNT(*) FROM audit_log WHERE action = 'submit' AND case_id = {first[1].get('id')}")
    if submits != [["1"]]:
        fail(f"the retried case has {submits} submit audit entries, not one")
    verified = audit_verify(database)
    say(f"   every acknowledged application is present exactly once with its audit entry; "
        f"{min(50, len(acknowledged))} retries got their case; {verified}")


def faulty_registries():
    say("2. registries failing 30% of queries and hanging on 10%")
    database = fresh_database("ruqsat_reliability_faults")
    registry_port = free_port()
    log = open(os.path.join(WORK, "registries.log"), "a")

    def registries_with(*faults):
        process = subprocess.Popen(
            [BINARY, "registries", "serve", "--listen", f"127.0.0.1:{registry_port}", *faults],
            stdout=log, stderr=subprocess.STDOUT,
        )
        PROCESSES.append(process)
        return process

    # The demo data is seeded against healthy registries; then they turn faulty.
    registries = registries_with()
    port = free_port()
    server = start(database, port, "faults.log", "--registries", f"http://127.0.0.1:{registry_port}")
    registries.send_signal(signal.SIGTERM)
    registries.wait(timeout=30)
    registries = registries_with("--failure-rate", "0.3", "--timeout-rate", "0.1")
    time.sleep(1)
    count = 30
    for serial in range(count):
        status, answer = submit(port, serial, "RF")
        if status != 201:
            fail(f"submission {serial} answered {status} {answer}")

    def all_proposed():
        states = case_states(database, "RF")
        return True if states == {"proposed": count} else states

    wait_until("every case proposed despite the faults", all_proposed, 240)
    failed = sql(database, "SELECT COUNT(*) FROM registry_queries q JOIN cases c ON c.id = q.case_id "
                           "WHERE c.passport_number LIKE 'RF%' AND q.answered = 0")[0][0]
    if int(failed) == 0:
        fail("no registry query failed: the faults were not injected")
    rows = sql(database, "SELECT id, proposal, registry IS NOT NULL FROM cases WHERE passport_number LIKE 'RF%'")
    for case_id, proposal, has_facts in rows:
        checks = json.loads(proposal)["checks"]
        unanswered = [check for check in checks if check.get("result") not in ("passed", "failed", "not_applicable")]
        if len(checks) != 7 or unanswered or has_facts != "t":
            fail(f"case {case_id} was proposed on missing facts: {checks}")
    server.send_signal(signal.SIGTERM)
    registries.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    registries.wait(timeout=30)
    say(f"   {count} cases proposed with every check answered; {failed} failed queries were retried")


def two_processes():
    say("3. two processes on one PostgreSQL: each job once")
    database = fresh_database("ruqsat_reliability_two")
    ports = [free_port(), free_port()]
    servers = [start(database, ports[0], "two-a.log"), start(database, ports[1], "two-b.log")]
    count = 40
    for serial in range(count):
        status, answer = submit(ports[serial % 2], serial, "TP")
        if status != 201:
            fail(f"submission {serial} answered {status} {answer}")

    def all_proposed():
        states = case_states(database, "TP")
        return True if states == {"proposed": count} else states

    wait_until("every case proposed", all_proposed, 120)
    twice = sql(database, "SELECT e.case_id, COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id "
                          "WHERE c.passport_number LIKE 'TP%' AND e.action = 'propose' GROUP BY e.case_id HAVING COUNT(*) <> 1")
    if twice:
        fail(f"cases proposed more than once: {twice[:5]}")
    checked = sql(database, "SELECT c.id, COUNT(DISTINCT q.registry), COUNT(*) FROM registry_queries q JOIN cases c ON c.id = q.case_id "
                            "WHERE c.passport_number LIKE 'TP%' GROUP BY c.id HAVING COUNT(*) <> COUNT(DISTINCT q.registry)")
    if checked:
        fail(f"cases whose registries were asked twice: {checked[:5]}")

    def all_sent():
        unsent = sql(database, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")[0][0]
        return True if unsent == "0" else f"{unsent} unsent"

    wait_until("every notification sent", all_sent, 60)
    keys = []
    for name in ("two-a.log", "two-b.log"):
        path = os.path.join(WORK, f"{name}.notifications.jsonl")
        if os.path.exists(path):
            keys += [json.loads(line)["event_key"] for line in open(path) if line.strip()]
    expected = int(sql(database, "SELECT COUNT(*) FROM outbox")[0][0])
    if len(keys) != expected or len(set(keys)) != len(keys):
        fail(f"{len(keys)} notifications written ({len(set(keys))} distinct) for {expected} in the outbox")
    sweeps = sum(open(os.path.join(WORK, name)).read().count("sweep of permit holders done")
                 for name in ("two-a.log", "two-b.log"))
    runs = int(sql(database, "SELECT COUNT(*) FROM sweep_runs")[0][0])
    if sweeps != runs or runs != 1:
        fail(f"the daily sweep ran {sweeps} times in the logs, {runs} in the database (expected once)")
    for server in servers:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    verified = audit_verify(database)
    say(f"   {count} cases proposed once each, {expected} notifications sent once each, one sweep; "
        f"one audit chain from both processes: {verified}")


def graceful_shutdown():
    say("4. graceful shutdown finishes the request in flight")
    database = fresh_database("ruqsat_reliability_stop")
    port = free_port()
    server = start(database, port, "stop.log")
    body = json.dumps(application(1, "GS", port)).encode()
    connection = socket.create_connection(("127.0.0.1", port))
    head = (f"POST /api/v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer demo-portal\r\nIdempotency-Key: GS-1\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n").encode()
    connection.sendall(head + body[:100])
    time.sleep(0.5)  # the request is in flight: headers and part of the body are in
    server.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    connection.sendall(body[100:])
    answer = b""
    connection.settimeout(10)
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            break
        answer += chunk
    status_line = answer.split(b"\r\n", 1)[0].decode()
    if " 201 " not in status_line:
        fail(f"the request in flight got {status_line!r}")
    code = server.wait(timeout=30)
    if code != 0:
        fail(f"the server exited with {code} after SIGTERM")
    stored = sql(database, "SELECT COUNT(*) FROM cases WHERE passport_number LIKE 'GS%'")[0][0]
    if stored != "1":
        fail(f"{stored} cases stored for the request in flight")
    try:
        request(port, "GET", "/health", timeout=2)
        fail("the server still answers after its shutdown")
    except OSError:
        pass
    say("   the request in flight got 201 and its case; the process exited 0")


def disk_full():
    say("5. SQLite on a full disk: what is answered 201 is on disk, numbers are never given twice")
    if os.geteuid() != 0:
        fail("the disk-full part mounts a tmpfs: run it as root (CI does)")
    disk = os.path.join(WORK, "small-disk")
    os.makedirs(disk, exist_ok=True)
    # Room for the demo's database, its write-ahead log and a burst of applications, no more.
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m,mode=0700", "tmpfs", disk], check=True)
    try:
        disk_full_on(disk)
    finally:
        for process in PROCESSES:
            if process.poll() is None:
                process.kill()
                process.wait()
        subprocess.run(["umount", "-l", disk], check=False)


def disk_full_on(disk):
    database = f"sqlite://{disk}/ruqsat.db"  # the audit key is created beside it, on the same disk
    filler = os.path.join(disk, "filler")
    port = free_port()
    server = start(database, port, "full.log")
    acknowledged = {}  # application number -> passport number answered with it
    doubled = []
    failures = {}  # status (or exception) -> count, while the disk was filling or full
    unanswered = []  # (serial, key) not acknowledged: retried once there is room again
    lock = threading.Lock()

    def record(serial, key, status, answer):
        with lock:
            if status == 201:
                number, passport = answer["number"], f"DF{serial:07d}"
                if number in acknowledged and acknowledged[number] != passport:
                    doubled.append(number)
                acknowledged[number] = passport
            else:
                failures[status] = failures.get(status, 0) + 1
                unanswered.append((serial, key))

    def submit_one(serial):
        key = f"DF-{serial}"
        try:
            status, answer = submit(port, serial, "DF", key=key)
        except OSError as error:
            status, answer = type(error).__name__, None
        if status not in (201, "TimeoutError") and not (isinstance(status, int) and status >= 500):
            fail(f"submission {serial} on a full disk got {status} {answer}")
        record(serial, key, status, answer)
        return status

    for serial in range(1, 6):
        if submit_one(serial) != 201:
            fail(f"submission {serial} before the disk filled was not accepted: {failures}")
    stop = threading.Event()
    serials = iter(range(1000, 10**6))
    serials_lock = threading.Lock()

    def burst():
        while not stop.is_set():
            with serials_lock:
                serial = next(serials)
            submit_one(serial)

    threads = [threading.Thread(target=burst) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    # The filler takes every free block while the burst goes on.
    with open(filler, "wb") as handle:
        chunk = b"\0" * 65536
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass
    before = len(acknowledged)
    health = []
    deadline = time.time() + 8
    while time.time() < deadline:
        try:
            health.append(request(port, "GET", "/health", timeout=15)[0])
        except OSError as error:
            health.append(type(error).__name__)
        time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join()
    # Sequential submissions on the full disk, after the burst.
    full_statuses = [submit_one(serial) for serial in range(2000000, 2000010)]
    say(f"   disk full: /health answered {sorted(set(map(str, health)))}; {len(acknowledged)} acknowledged "
        f"({len(acknowledged) - before} after the filler ran out of room); refused: {failures}; "
        f"on the full disk afterwards: {full_statuses}")
    # Judged after the restart, so that a lost acknowledgement is reported first.
    honest = 503 in health or 201 not in full_statuses
    if not failures:
        fail("no submission failed: the disk never filled (is the tmpfs too large?)")

    # Room again: the service recovers without a restart.
    os.remove(filler)
    wait_until("/health ok once there is room", lambda: request(port, "GET", "/health")[0] == 200 or "503", 60)
    for serial, key in list(unanswered):
        status, answer = submit(port, serial, "DF", key=key)
        if status not in (200, 201):
            fail(f"the retry of {key} with room again got {status} {answer}")
        record(serial, key, 201, answer)
    for serial in range(3000000, 3000010):
        if submit_one(serial) != 201:
            fail(f"submission {serial} with room again was not accepted")
    if doubled:
        fail(f"application numbers given to two applications: {doubled[:10]}")

    # A crash and a restart: the file alone holds what was acknowledged.
    server.send_signal(signal.SIGKILL)
    server.wait()
    server = start(database, port, "full.log")
    stored = {number: passport for number, passport in
              sql(database, "SELECT number, passport_number FROM cases WHERE passport_number LIKE 'DF%'")}
    lost = [number for number, passport in acknowledged.items() if stored.get(number) != passport]
    if lost:
        fail(f"{len(lost)} of {len(acknowledged)} acknowledged applications are lost or changed after the "
             f"restart: {lost[:10]}")
    passports = [passport for passport in stored.values()]
    if len(set(passports)) != len(passports):
        fail("an application was stored twice (its retry made a second case)")
    number, passport = next(iter(acknowledged.items()))
    status, answer = request(port, "POST", "/api/v1/status", {"number": number, "document": passport})
    if status != 200:
        fail(f"the status of {number} answered {status} {answer}")
    if request(port, "GET", "/health")[0] != 200:
        fail("/health is not ok after the restart")
    if not honest:
        fail(f"/health never said the disk is full ({sorted(set(map(str, health)))}) and writes on it were "
             f"acknowledged: {full_statuses}")
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    verified = audit_verify(database)
    say(f"   {len(acknowledged)} acknowledged applications all on disk after the restart, no number given "
        f"twice; {verified}")


if __name__ == "__main__":
    started = time.time()
    parts = sys.argv[3:] or ["kill", "kill-sqlite", "faults", "two", "stop", "disk-full"]
    for part in parts:
        {"kill": lambda: kill_under_load("postgres"), "kill-sqlite": lambda: kill_under_load("sqlite"),
         "faults": faulty_registries, "two": two_processes, "stop": graceful_shutdown,
         "disk-full": disk_full}[part]()
    for name in ("kill", "faults", "two", "stop"):
        subprocess.run(["psql", "-q", ADMIN_URL, "-c", f"DROP DATABASE IF EXISTS ruqsat_reliability_{name}"], check=False)
    say(f"all reliability tests passed in {time.time() - started:.0f} s (logs in {WORK})")
