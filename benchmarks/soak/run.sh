#!/usr/bin/env bash
# Soak: samples/secure-api (its built jar) in JWT mode for a number of minutes against a local
# identity server and connectivity proxy (loopback only), with many distinct users, signing key
# rotation and one token endpoint outage. Prints per minute: requests, errors by status, latency
# percentiles, heap after a full GC and open file descriptors of the application; then totals.
# Usage: benchmarks/soak/run.sh [minutes] [users] [requests-per-second]
#        ROTATE_SECONDS=120 OUTAGE_SECONDS=30 OUTAGE_AT_SECONDS=240 benchmarks/soak/run.sh 10
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES="${1:-10}"
USERS="${2:-10000}"
RATE="${3:-200}"
OUT=benchmarks/target/soak
mkdir -p "$OUT"
./mvnw -B -q -pl benchmarks,samples/secure-api -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
JAR="$(ls samples/secure-api/target/sample-secure-api-*.jar | grep -v -e '-plain' -e '-sources' | head -1)"
java -Xmx512m ${JAVA_OPTS:-} -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.btpboot.benchmarks.soak.SoakRun "$JAR" "$OUT" "$MINUTES" "$USERS" "$RATE" | tee "$OUT/soak.txt"
