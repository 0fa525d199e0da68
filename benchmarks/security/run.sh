#!/usr/bin/env bash
# Load test: the same GET /ping unsecured, behind Spring Security's bare filter chain, behind its
# default chain with permitAll(), secured by btp-spring-boot's JWT chain (XSUAA), and secured by
# Spring Boot's plain spring.security.oauth2.resourceserver.jwt.jwk-set-uri setup: one JVM, one
# run, the same token. Needs wrk (apt-get install -y wrk).
# Variants are measured in rounds, each round in a rotated order, so that load from other
# processes, heat or JIT activity does not favour the variant that happens to come first or last.
# Usage: benchmarks/security/run.sh [duration-seconds] [connections] [rounds]
#        VARIANTS="unsecured btp" benchmarks/security/run.sh   (a subset)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
ROUNDS="${3:-3}"
read -r -a VARIANTS <<< "${VARIANTS:-unsecured emptychain permitall noheaders btp spring}"
OUT=benchmarks/target/security-load
mkdir -p "$OUT"
./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
rm -f "$OUT/target.properties" "$OUT/results.txt"
java -Xmx512m ${JAVA_OPTS:-} -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.btpboot.benchmarks.security.SecurityLoadTarget "$OUT/target.properties" > "$OUT/target.log" 2>&1 &
TARGET=$!
trap 'kill $TARGET 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [ -s "$OUT/target.properties" ] && break; sleep 1; done
prop() { grep "^$1=" "$OUT/target.properties" | cut -d= -f2-; }
TOKEN="$(prop token)"
run() { # port seconds
    wrk -t2 -c"$CONNECTIONS" -d"$2s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/ping"
}
# CPU time of the serving JVM in clock ticks (user + system), to get its cost per request.
jvm_ticks() { awk '{print $14 + $15}' "/proc/$TARGET/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
for variant in btp spring; do   # both secured variants refuse a request without the token
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(prop $variant)/ping")
    [ "$code" = 401 ] || { echo "$variant answered $code without a token, expected 401" >&2; exit 1; }
done
for variant in "${VARIANTS[@]}"; do   # warm-up: JIT, connection pools, key loading
    run "$(prop "$variant")" 10 > /dev/null
done
printf '%-5s %-10s %12s %10s %10s %8s %12s\n' round variant requests/s avg p99 non-2xx cpu-us/req
for round in $(seq 1 "$ROUNDS"); do
    count=${#VARIANTS[@]}
    for i in $(seq 0 $((count - 1))); do
        variant=${VARIANTS[$(( (i + round - 1) % count ))]}
        before=$(jvm_ticks)
        result="$(run "$(prop "$variant")" "$DURATION")"
        after=$(jvm_ticks)
        echo "$result" > "$OUT/$variant-$round.txt"
        requests=$(echo "$result" | awk '/requests in/ {print $1}')
        rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
        avg=$(echo "$result" | awk '/Latency/ && !/Distribution/ {print $2; exit}')
        p99=$(echo "$result" | awk '$1=="99%" {print $2}')
        errors=$(echo "$result" | awk '/Non-2xx/ {print $5}')
        cpu=$(awk -v t=$((after - before)) -v us="$TICK_US" -v n="$requests" 'BEGIN {printf "%.1f", t * us / n}')
        printf '%-5s %-10s %12s %10s %10s %8s %12s\n' "$round" "$variant" "$rps" "$avg" "$p99" "${errors:-0}" "$cpu"
        echo "$round $variant $rps $cpu" >> "$OUT/results.txt"
    done
done
# Per variant: mean throughput with its spread over the rounds, throughput relative to
# "unsecured" of the same round (paired, so a slow round does not count twice), and JVM CPU time
# per request.
echo
printf '%-10s %12s %19s %16s %12s\n' variant 'mean req/s' 'min-max req/s' '% of unsecured' cpu-us/req
for variant in "${VARIANTS[@]}"; do
    awk -v v="$variant" '
        $2 == "unsecured" { base[$1] = $3 }
        $2 == v { n++; sum += $3; cpu += $4; rps[$1] = $3
                  if (min == "" || $3 < min) min = $3; if ($3 > max) max = $3 }
        END {
            for (r in rps) if (r in base) { rel += rps[r] / base[r]; m++ }
            relText = m ? sprintf("%.0f%%", 100 * rel / m) : "-"
            printf "%-10s %12.0f %9.0f-%-9.0f %16s %12.1f\n", v, sum / n, min, max, relText, cpu / n
        }' "$OUT/results.txt"
done
