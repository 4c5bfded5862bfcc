#!/usr/bin/env bash
# Starts the whole Tideflow suite on this machine: Kafka, PostgreSQL, the four services, a demo
# workload and its load. Builds first if a service has not been built yet or its sources changed.
# Needs only a JDK 17+. Ctrl-C stops everything it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

artifacts=(
  metrics-collector/target/quarkus-app/quarkus-run.jar
  policy-engine/target/quarkus-app/quarkus-run.jar
  executor-service/target/quarkus-app/quarkus-run.jar
  config-service/target/quarkus-app/quarkus-run.jar
  local-stack/target/tideflow-local-stack.jar
)
stale=""
for artifact in "${artifacts[@]}"; do
  if [ ! -f "$artifact" ]; then
    stale="$artifact is missing"
    break
  fi
done
if [ -z "$stale" ]; then
  newer=$(find . -path ./.tideflow -prune -o \( -name '*.java' -o -name '*.properties' -o -name '*.sql' -o -name pom.xml \) \
    -newer local-stack/target/tideflow-local-stack.jar -print -quit 2>/dev/null)
  [ -n "$newer" ] && stale="$newer changed"
fi
if [ -n "$stale" ]; then
  echo "Building the suite ($stale) ..."
  ./mvnw -B -q -DskipTests package
fi
exec java -jar local-stack/target/tideflow-local-stack.jar "$@"
