#!/usr/bin/env bash
# The Turnpike benchmark: one command. See bench/README.md.
#   bench/run.sh                 saturation + half-rate latency for every scenario (about 20 minutes)
#   bench/run.sh --scale         + 1 000 routes, 1 000 000 keys, three gateways sharing one Redis
#   bench/run.sh --soak=600      + a 10-minute soak at 80 % of saturation
#   bench/run.sh --help          every option
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx)
command -v taskset >/dev/null || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[bench] installing ${missing[*]} from Debian packages"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "[bench] needs at least 2 CPUs (one for the system under test, one for the load)" >&2
  exit 1
fi

echo "[bench] building (./mvnw -DskipTests package)"
./mvnw -q -B -DskipTests package -pl gateway-app,authorizer-service,bench/scg-baseline,bench/harness -am

# The harness and everything it starts inherit CPU 1; the systems under test are pinned to CPU 0.
exec taskset -c 1 java -cp "bench/harness/target/classes:$(cat bench/harness/target/classpath.txt)" \
  dev.turnpike.bench.Bench "$@"
