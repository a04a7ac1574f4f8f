#!/usr/bin/env bash
# One 12-unit candidate decided over HTTP: `POST /v1/evaluate/course_based` of the example
# server against OpenFisca's Web API (`POST /calculate`) serving the same pass rule, on the same
# machine, with the same client (wrk), the same connections and the same duration, side by side
# in one run: each server is loaded in turn, twice, and the better of its two rounds is kept.
#
# Needs wrk (Debian's `wrk` package) and a Python environment with OpenFisca's Web API and
# gunicorn (the OpenFisca model's header says how to make one). Not part of CI.
#
#   OPENFISCA_PYTHON=path/to/venv/bin/python OPENFISCA_MODEL=path/to/openfisca_pass.py \
#     bash cqnet-http/benches/evaluate_vs_openfisca.sh [SECONDS [CONNECTIONS]]
#
# Prints requests per second, p50 and p99 per server, and the ratio (the target: at least 20×).
set -euo pipefail

seconds=${1:-10}
connections=${2:-16}
python=${OPENFISCA_PYTHON:?set OPENFISCA_PYTHON to the Python of an environment with openfisca-core[web-api] and gunicorn}
model=${OPENFISCA_MODEL:?set OPENFISCA_MODEL to the OpenFisca model of the pass rule (openfisca_pass.py)}
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt install wrk)" >&2; exit 1; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# The same candidate for both: 12 units of 40 hours with 36 attended and a score of 85, an
# external evaluation of 80 written and 90 practical (passed: 85 internal, 86 external).
python3 - "$work" <<'EOF'
import json, sys
work = sys.argv[1]
ours = {
    "units": [{"code": f"15010202{i:02d}_14v2", "hours": 40, "attended": 36, "scores": [85]}
              for i in range(1, 13)],
    "external": {"written": 80, "practical": 90},
}
units = {f"u{i}": {"hours": {"2026": 40}, "attended": {"2026": 36}, "score": {"2026": 85}}
         for i in range(12)}
theirs = {"units": units, "candidates": {"c": {"units": list(units), "written": {"2026": 80},
          "practical": {"2026": 90}, "passed": {"2026": None}}}}
for name, body in [("ours", ours), ("openfisca", theirs)]:
    text = json.dumps(body)
    open(f"{work}/{name}.json", "w").write(text)
    lua = ('wrk.method = "POST"\n'
           'wrk.headers["Content-Type"] = "application/json"\n'
           f'wrk.body = {json.dumps(text)}\n')
    open(f"{work}/{name}.lua", "w").write(lua)
EOF

cargo build -q --release --manifest-path "$root/Cargo.toml" --example http_server
"$root/target/release/examples/http_server" --memory --bind 127.0.0.1:0 >"$work/ours.log" 2>&1 &
pids+=($!)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" "$model" serve "$port" >"$work/openfisca.log" 2>&1 &
pids+=($!)

ours_url=""
for _ in $(seq 300); do
    ours_url=$(sed -n 's/^serving on \([^ ]*\).*/\1/p' "$work/ours.log" | head -n1)
    [[ -n $ours_url ]] && curl -s -o /dev/null "http://127.0.0.1:$port/spec" && break
    sleep 0.1
done
ours_url="$ours_url/v1/evaluate/course_based?as_of=2026-06-30"
theirs_url="http://127.0.0.1:$port/calculate"

# Both must decide the candidate, and alike, before either is timed.
curl -sf -X POST -H 'Content-Type: application/json' --data @"$work/ours.json" "$ours_url" \
    | grep -q '"passed":true' || { echo "the example server did not pass the candidate" >&2; exit 1; }
curl -sf -X POST -H 'Content-Type: application/json' --data @"$work/openfisca.json" "$theirs_url" \
    | grep -q '"passed":{"2026":true}' || { echo "OpenFisca did not pass the candidate" >&2; exit 1; }

# One round: requests per second, p50 and p99 in milliseconds.
round() {
    local lua=$1 url=$2
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$lua" "$url" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    value, unit = re.search(label + r"%\s+([\d.]+)(us|ms|s)\b", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
if bad or errors:
    sys.exit("not every answer was a success: " + (bad.group(0) if bad else errors.group(0)))
print("%.0f %.2f %.2f" % (rps, ms("50"), ms("99")))
'
}

wrk -t1 -c"$connections" -d2s -s "$work/ours.lua" "$ours_url" >/dev/null
wrk -t1 -c"$connections" -d2s -s "$work/openfisca.lua" "$theirs_url" >/dev/null
best_ours="0 0 0"
best_theirs="0 0 0"
for _ in 1 2; do
    r=$(round "$work/ours.lua" "$ours_url")
    (( ${r%% *} > ${best_ours%% *} )) && best_ours=$r
    r=$(round "$work/openfisca.lua" "$theirs_url")
    (( ${r%% *} > ${best_theirs%% *} )) && best_theirs=$r
done

read -r ours_rps ours_p50 ours_p99 <<<"$best_ours"
read -r theirs_rps theirs_p50 theirs_p99 <<<"$best_theirs"
printf 'one 12-unit candidate, wrk 1 thread, %d connections, %d s per round, best of 2\n' "$connections" "$seconds"
printf '%-44s %10s %9s %9s\n' server 'req/s' 'p50 ms' 'p99 ms'
printf '%-44s %10s %9s %9s\n' 'cqnet POST /v1/evaluate/course_based' "$ours_rps" "$ours_p50" "$ours_p99"
printf '%-44s %10s %9s %9s\n' 'OpenFisca Web API POST /calculate' "$theirs_rps" "$theirs_p50" "$theirs_p99"
python3 -c "print(f'ratio: {$ours_rps / $theirs_rps:.1f}x the requests per second (target: at least 20x)')"
