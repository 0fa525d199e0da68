#!/usr/bin/env bash
# Load test: the same GET /ping unsecured, behind Spring Security's bare filter chain, behind its
# default chain with permitAll(), secured by btp-spring-boot's JWT chain (XSUAA), and secured by
# Spring Boot's plain spring.security.oauth2.resourceserver.jwt.jwk-set-uri setup: one JVM, one
# run, the same token. The reactive variants (WebFlux on Reactor Netty: flux-unsecured,
# flux-permitall with Spring Security's default chain and permitAll(), flux-btp with the starter's
# reactive JWT chain, flux-spring with Spring Boot's plain reactive resource server) run in a second
# JVM with its own token.
# Needs wrk (apt-get install -y wrk).
# Variants are measured in rounds, each round in a rotated order, so that load from other
# processes, heat or JIT activity does not favour the variant that happens to come first or last.
# Usage: benchmarks/security/run.sh [duration-seconds] [connections] [rounds]
#        VARIANTS="unsecured btp" benchmarks/security/run.sh   (a subset)
#        VARIANTS="flux-unsecured flux-permitall flux-btp" benchmarks/security/run.sh   (reactive only)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
ROUNDS="${3:-3}"
read -r -a VARIANTS <<< "${VARIANTS:-unsecured emptychain permitall noheaders btp spring flux-unsecured flux-permitall flux-btp flux-spring}"
OUT=benchmarks/target/security-load
mkdir -p "$OUT"
# The reactive target needs WebFlux and Reactor Netty, which the benchmarks module has as provided
# dependencies (kept off the other benchmarks' runtime class path); scope test takes them all.
./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath-security.txt -Dmdep.includeScope=test
rm -f "$OUT"/target*.properties "$OUT/results.txt"
# One target JVM per stack, only for the stacks the variants need: servlet, reactive.
declare -A PIDS=()
start() { # stack class
    java -Xmx512m ${JAVA_OPTS:-} -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath-security.txt)" \
        "dev.btpboot.benchmarks.security.$2" "$OUT/target-$1.properties" > "$OUT/target-$1.log" 2>&1 &
    PIDS[$1]=$!
}
stack() { case "$1" in flux-*) echo reactive ;; *) echo servlet ;; esac; }
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
for variant in "${VARIANTS[@]}"; do
    s=$(stack "$variant")
    if [ -z "${PIDS[$s]:-}" ]; then
        if [ "$s" = reactive ]; then start reactive ReactiveSecurityLoadTarget
        else start servlet SecurityLoadTarget; fi
    fi
done
for s in "${!PIDS[@]}"; do   # a loaded machine may take minutes to start six applications
    for _ in $(seq 1 600); do
        [ -s "$OUT/target-$s.properties" ] && break
        kill -0 "${PIDS[$s]}" 2>/dev/null || break
        sleep 1
    done
    [ -s "$OUT/target-$s.properties" ] || { echo "the $s target did not start, see $OUT/target-$s.log" >&2; exit 1; }
done
prop() { # stack key
    grep "^$2=" "$OUT/target-$1.properties" | cut -d= -f2-
}
port() { prop "$(stack "$1")" "$1"; }
run() { # variant seconds
    wrk -t2 -c"$CONNECTIONS" -d"$2s" --latency -H "Authorization: Bearer $(prop "$(stack "$1")" token)" \
        "http://127.0.0.1:$(port "$1")/ping"
}
# CPU time of the serving JVM in clock ticks (user + system), to get its cost per request.
jvm_ticks() { awk '{print $14 + $15}' "/proc/${PIDS[$(stack "$1")]}/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
for variant in "${VARIANTS[@]}"; do   # secured variants refuse a request without the token, unsecured ones answer it
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(port "$variant")/ping")
    case "$variant" in
        btp|spring|flux-btp|flux-spring) expected=401 ;;
        *) expected=200 ;;
    esac
    [ "$code" = "$expected" ] || { echo "$variant answered $code without a token, expected $expected" >&2; exit 1; }
done
for variant in "${VARIANTS[@]}"; do   # warm-up: JIT, connection pools, key loading
    run "$variant" 10 > /dev/null
done
printf '%-5s %-14s %12s %10s %10s %8s %12s\n' round variant requests/s avg p99 non-2xx cpu-us/req
for round in $(seq 1 "$ROUNDS"); do
    count=${#VARIANTS[@]}
    for i in $(seq 0 $((count - 1))); do
        variant=${VARIANTS[$(( (i + round - 1) % count ))]}
        before=$(jvm_ticks "$variant")
        result="$(run "$variant" "$DURATION")"
        after=$(jvm_ticks "$variant")
        echo "$result" > "$OUT/$variant-$round.txt"
        requests=$(echo "$result" | awk '/requests in/ {print $1}')
        rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
        avg=$(echo "$result" | awk '/Latency/ && !/Distribution/ {print $2; exit}')
        p99=$(echo "$result" | awk '$1=="99%" {print $2}')
        errors=$(echo "$result" | awk '/Non-2xx/ {print $5}')
        cpu=$(awk -v t=$((after - before)) -v us="$TICK_US" -v n="$requests" 'BEGIN {printf "%.1f", t * us / n}')
        printf '%-5s %-14s %12s %10s %10s %8s %12s\n' "$round" "$variant" "$rps" "$avg" "$p99" "${errors:-0}" "$cpu"
        echo "$round $variant $rps $cpu" >> "$OUT/results.txt"
    done
done
# Per variant: mean throughput with its spread over the rounds, throughput relative to the
# unsecured variant of its stack in the same round ("unsecured" or "flux-unsecured"; paired, so a
# slow round does not count twice), and JVM CPU time per request.
echo
printf '%-14s %12s %19s %16s %12s\n' variant 'mean req/s' 'min-max req/s' '% of unsecured' cpu-us/req
for variant in "${VARIANTS[@]}"; do
    case "$variant" in flux-*) base=flux-unsecured ;; *) base=unsecured ;; esac
    awk -v v="$variant" -v b="$base" '
        $2 == b { base[$1] = $3 }
        $2 == v { n++; sum += $3; cpu += $4; rps[$1] = $3
                  if (min == "" || $3 < min) min = $3; if ($3 > max) max = $3 }
        END {
            for (r in rps) if (r in base) { rel += rps[r] / base[r]; m++ }
            relText = m ? sprintf("%.0f%%", 100 * rel / m) : "-"
            printf "%-14s %12.0f %9.0f-%-9.0f %16s %12.1f\n", v, sum / n, min, max, relText, cpu / n
        }' "$OUT/results.txt"
done
