#!/usr/bin/env bash
# Starts the whole Turnpike platform on this machine: embedded Redis, the gateway (8080, management 9080),
# the usage-plan service (8081), the authorizer service (8082) and the sample backends (8083, 8084).
# Needs only a JDK (17 or newer). Builds first when the jars are missing or older than the sources.
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"

jars=(gateway-app/target/gateway-app.jar usage-plan-service/target/usage-plan-service.jar
      authorizer-service/target/authorizer-service.jar sample-backend/target/sample-backend.jar
      local-run/target/local-run.jar)

needs_build=false
oldest=""
for jar in "${jars[@]}"; do
  if [[ ! -f "$jar" ]]; then
    needs_build=true
  elif [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then
    oldest="$jar"
  fi
done
if [[ "$needs_build" == false ]]; then
  changed=$(find . -path ./config-repo -prune -o -path '*/target' -prune -o -path ./.git -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$oldest" -print -quit)
  [[ -n "$changed" ]] && needs_build=true
fi
if [[ "$needs_build" == true ]]; then
  echo "[local] building (./mvnw -q -DskipTests package) ..."
  ./mvnw -q -DskipTests package
fi

exec java -jar local-run/target/local-run.jar "$@"
