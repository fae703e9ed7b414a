#!/usr/bin/env bash
# Security tests of a whole `ruqsat serve` (SQLite, demo data, loopback):
#  1. schemathesis against /api/openapi.json, as an officer and as the portal: no 5xx, no
#     response that breaks the documented schema;
#  2. a full run with debug logging — applications with distinctive fake people, sign-ins with
#     right and wrong passwords, a lock-out — then the log is searched for every password, token,
#     name, passport number and phone used: none may appear.
# Usage: tests/system/security.sh BINARY   (schemathesis is installed into a venv in the cache)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
cache="${RUQSAT_CACHE:-${HOME:-/tmp}/.cache/ruqsat}"
work=$(mktemp -d)
port="${SECURITY_PORT:-18097}"
base="http://127.0.0.1:$port"

echo "== schemathesis (installed from PyPI into $cache/st-venv)"
if [ ! -x "$cache/st-venv/bin/schemathesis" ]; then
  python3 -m venv "$cache/st-venv"
  "$cache/st-venv/bin/pip" install -q --disable-pip-version-check 'schemathesis>=4,<5'
fi

RUST_LOG=debug "$bin" serve --demo --database "sqlite://$work/ruqsat.db" --listen "127.0.0.1:$port" \
  --notifications "$work/notifications.jsonl" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null && break; sleep 1; done

for token in demo-officer-almaty demo-portal; do
  echo "-- as $token"
  "$cache/st-venv/bin/schemathesis" run "$base/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance \
    --header "Authorization: Bearer $token" \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --seed 2024 --generation-deterministic \
    --max-time "${SCHEMATHESIS_SECONDS:-60}" --request-timeout 10 \
    --suppress-health-check all --no-color --report junit --report-dir "$work/schemathesis-$token"
done

kill $server; wait $server 2>/dev/null || true

echo "== no passwords, tokens or personal data in the logs"
# A fresh service: schemathesis' sign-in attempts have locked the loopback address meanwhile.
rm -rf "$work"/ruqsat.db*
RUST_LOG=debug "$bin" serve --demo --database "sqlite://$work/ruqsat.db" --listen "127.0.0.1:$port" \
  --notifications "$work/notifications.jsonl" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "$base/health" >/dev/null && break; sleep 1; done
secrets=$(python3 - "$base" "$work/ruqsat.db.seal-keys" <<'EOF'
import json, sys, urllib.request, urllib.error
sys.path.insert(0, "tests/system")
from esign import Signer
base = sys.argv[1]
signer = Signer(sys.argv[2])
def call(method, path, body=None, token=None, key=None):
    request = urllib.request.Request(base + path, method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {}),
                 **({"Idempotency-Key": key} if key else {})})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")
values = []
example = json.load(open("examples/api/submit-trp.json"))
for serial in range(3):
    body = json.loads(json.dumps(example))
    applicant = body["application"]["applicant"]
    applicant["surname"] = f"Zzfakeloggy{serial}"
    applicant["given_name"] = f"Qqtestperson{serial}"
    applicant["passport"]["number"] = f"LG{serial:07d}"
    body["application"]["mobile_phone"] = f"+77005550{serial:03d}"
    status, answer = call("POST", "/api/v1/applications", signer.sign(body), "demo-portal", f"log-{serial}")
    assert status == 201, (status, answer)
    values += [applicant["surname"], applicant["given_name"], applicant["passport"]["number"],
               body["application"]["mobile_phone"]]
    status, _ = call("POST", "/api/v1/status", {"number": answer["number"], "document": f"LG{serial:07d}"})
    assert status == 200
status, session = call("POST", "/api/v1/sessions", {"login": "officer.almaty", "password": "demo-officer-almaty"})
assert status == 201, session
values.append(session["token"])
# A password typed into the login field, with a forged log line after it: neither reaches the log.
typed = "Typed-Pa55word-In-Login\n2026-01-01T00:00:00Z INFO forged line"
status, _ = call("POST", "/api/v1/sessions", {"login": typed, "password": "x"})
assert status == 401, f"a login with a line break answered {status}"
values += ["Typed-Pa55word-In-Login", "forged line"]
wrong = "Wr0ng-Secret-Pa55"
for attempt in range(6):
    status, _ = call("POST", "/api/v1/sessions", {"login": "supervisor.almaty", "password": wrong})
assert status == 429, f"the sixth wrong password answered {status}, not 429"
values.append(wrong)
print("\n".join(values))
EOF
)
sleep 2
kill $server; wait $server 2>/dev/null || true
trap - EXIT
# The demo banner lists the demo accounts' published tokens; everything else is the log proper.
grep -v '^  demo-' "$work/serve.log" > "$work/log-proper.txt"
grep -q 'login_locked\|sign-in locked' "$work/log-proper.txt" || { echo "the lock-out was not logged"; exit 1; }
leaks=0
while IFS= read -r value; do
  [ -z "$value" ] && continue
  if grep -qF -- "$value" "$work/log-proper.txt"; then
    echo "LEAK: the log contains $value"
    leaks=1
  fi
done <<< "$secrets"
lines=$(wc -l < "$work/log-proper.txt")
[ "$leaks" = 0 ] || { echo "personal data or secrets in the log ($work/serve.log)"; exit 1; }
echo "checked $(wc -l <<< "$secrets") values against $lines log lines (debug level): none found"
echo "security tests passed"
