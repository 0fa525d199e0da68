#!/usr/bin/env bash
# Load test: the same GET /ping unsecured, secured by btp-spring-boot's JWT chain (XSUAA), and
# secured by Spring Boot's plain spring.security.oauth2.resourceserver.jwt.jwk-set-uri setup,
# in one JVM, one run, with the same token. Needs wrk (apt-get install -y wrk).
# Usage: benchmarks/security/run.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
OUT=benchmarks/target/security-load
mkdir -p "$OUT"
./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
rm -f "$OUT/target.properties"
java -Xmx512m -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.btpboot.benchmarks.security.SecurityLoadTarget "$OUT/target.properties" > "$OUT/target.log" 2>&1 &
TARGET=$!
trap 'kill $TARGET 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [ -s "$OUT/target.properties" ] && break; sleep 1; done
prop() { grep "^$1=" "$OUT/target.properties" | cut -d= -f2-; }
TOKEN="$(prop token)"
run() { # name port seconds
    wrk -t2 -c"$CONNECTIONS" -d"$3s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$2/ping"
}
for variant in btp spring; do   # both secured variants refuse a request without the token
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(prop $variant)/ping")
    [ "$code" = 401 ] || { echo "$variant answered $code without a token, expected 401" >&2; exit 1; }
done
for variant in unsecured permitall btp spring; do   # warm-up: JIT, connection pools, key loading
    run "$variant" "$(prop $variant)" 10 > /dev/null
done
printf '%-10s %12s %10s %10s %8s\n' variant requests/s avg p99 non-2xx
for variant in unsecured permitall btp spring; do
    result="$(run "$variant" "$(prop $variant)" "$DURATION")"
    echo "$result" > "$OUT/$variant.txt"
    rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
    avg=$(echo "$result" | awk '/Latency/ && !/Distribution/ {print $2; exit}')
    p99=$(echo "$result" | awk '$1=="99%" {print $2}')
    errors=$(echo "$result" | awk '/Non-2xx/ {print $5}')
    printf '%-10s %12s %10s %10s %8s\n' "$variant" "$rps" "$avg" "$p99" "${errors:-0}"
done
