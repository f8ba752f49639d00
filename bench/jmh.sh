#!/usr/bin/env bash
# JMH microbenchmarks of the gateway's hot code. See bench/README.md.
#   bench/jmh.sh                       all of them (about 6 minutes)
#   bench/jmh.sh RoutingBenchmark      one class (any JMH option works: -f 1 -wi 2 -i 3 -prof gc ...)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl bench/jmh -am
# The newest JDK under /usr/lib/jvm, as for the load benchmark (JAVA=... picks another); pinned to one CPU.
if [ -z "${JAVA:-}" ]; then
  JAVA=java
  best=0
  for release in /usr/lib/jvm/*/release; do
    v=$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$release" 2>/dev/null)
    if [ -n "$v" ] && [ "$v" -gt "$best" ] && [ -x "$(dirname "$release")/bin/java" ]; then
      best=$v; JAVA="$(dirname "$release")/bin/java"
    fi
  done
fi
echo "[jmh] $("$JAVA" -version 2>&1 | head -1) ($JAVA)"
exec taskset -c 0 "$JAVA" -cp "bench/jmh/target/classes:$(cat bench/jmh/target/classpath.txt)" org.openjdk.jmh.Main "$@"
