#!/usr/bin/env bash
# Start-up cost of the starter: the same Boot web application (GET /ping, benchmarks'
# StartupApplication) in three variants, each in its own JVM:
#   spring  Spring Boot's plain resource server (spring.security.oauth2.resourceserver.jwt.jwk-set-uri),
#           on a class path without the starter and what only the starter brings
#   btp     the starter with one xsuaa binding (a local default-env.json; BINDING=vcap: VCAP_SERVICES)
#   mock    the starter without a binding (mock users)
# Each round starts every variant once, in a rotated order, so that load from other processes hits
# all alike; a warm-up round is not counted. Per start: time from exec to ApplicationReadyEvent
# (JVM start included), Boot's own time (SpringApplication.run until ready), the CPU time the JVM
# used until then (user + system, /proc/<pid>/stat: on a loaded machine steadier than wall time),
# RSS after start (/proc/<pid>/status VmRSS) and loaded classes (jstat -class, from outside the JVM).
# Printed: median and [min-max] per variant, and each variant's ratio to "spring" (median of the
# per-round ratios, with their range).
# Usage: benchmarks/startup/run.sh [rounds]          (default 7)
#        benchmarks/startup/run.sh profile           (where the btp variant's time goes: Spring's
#                                                     start-up steps and loaded classes by package)
#        VARIANTS="spring btp" SKIP_BUILD=1 JAVA_OPTS=-Xmx256m benchmarks/startup/run.sh 5
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=measure
if [ "${1:-}" = profile ]; then MODE=profile; shift; fi
ROUNDS="${1:-7}"
read -r -a VARIANTS <<< "${VARIANTS:-spring btp mock}"
OUT=benchmarks/target/startup
mkdir -p "$OUT"
if [ -z "${SKIP_BUILD:-}" ]; then
    ./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi

# Class paths. Neither variant gets the benchmarks' own tools and test libraries; "spring" also
# lacks what only the starter brings (its modules, java-cfenv and json-io, token-client and its
# libraries, Jakarta Mail).
BENCH_ONLY='/(btp-spring-boot-test-|btp-spring-boot-autoconfigure-[^/]*-tests|wiremock|greenmail|jmh-core|jopt-simple|commons-math3|junit|opentest4j|apiguardian|spring-test-|spring-boot-test|spring-boot-security-test|spring-security-test|spring-boot-starter-restclient|spring-boot-restclient|spring-boot-http-client|jakarta\.mail-[0-9])[^/]*$'
STARTER_ONLY='/(btp-spring-boot|java-cfenv|json-io|java-util|token-client|java-api|json-[0-9]|caffeine|error_prone|spring-boot-starter-mail|spring-boot-mail|jakarta\.mail-api|angus|jakarta\.activation|spring-context-support)[^/]*$'
tr ':' '\n' < benchmarks/target/classpath.txt | grep -v '^$' | grep -Ev "$BENCH_ONLY" > "$OUT/classpath-btp.txt"
grep -Ev "$STARTER_ONLY" "$OUT/classpath-btp.txt" > "$OUT/classpath-spring.txt"
grep -q 'spring-security-oauth2-resource-server' "$OUT/classpath-spring.txt" \
    || { echo "no resource server on the class path of 'spring'" >&2; exit 1; }
grep -q 'btp-spring-boot-autoconfigure' "$OUT/classpath-btp.txt" \
    || { echo "no starter on the class path of 'btp'" >&2; exit 1; }
echo "The starter adds: $(grep -E "$STARTER_ONLY" "$OUT/classpath-btp.txt" | xargs -n1 basename | tr '\n' ' ')"
classpath() { # variant
    local file="$OUT/classpath-btp.txt"
    [ "$1" = spring ] && file="$OUT/classpath-spring.txt"
    echo "benchmarks/target/classes:$(paste -sd: "$file")"
}

UAA='{"name": "bench-uaa", "label": "xsuaa", "plan": "application", "tags": ["xsuaa"], "credentials": {"clientid": "sb-bench!t1", "clientsecret": "bench-secret", "url": "https://bench.authentication.eu10.hana.ondemand.com", "uaadomain": "authentication.eu10.hana.ondemand.com", "xsappname": "bench!t1", "identityzone": "bench"}}'
echo "{\"VCAP_SERVICES\": {\"xsuaa\": [$UAA]}}" > "$OUT/default-env.json"
VCAP_APPLICATION_JSON='{"application_name": "bench", "space_name": "dev", "cf_api": "https://api.cf.eu10.hana.ondemand.com"}'

# Starts one variant, waits until it is ready, measures, stops it; prints
# "start-ms boot-ms rss-kib classes cpu-ms".
start_once() { # variant [jvm options...]
    local variant=$1; shift
    local log="$OUT/$variant.log" args=() environment=()
    args=(--server.port=0 --server.address=127.0.0.1 --spring.main.banner-mode=off)
    case "$variant" in
        spring) args+=(--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/token_keys) ;;
        btp) [ "${BINDING:-file}" = vcap ] || args+=(--btp.bindings.local-file="$OUT/default-env.json") ;;
    esac
    if [ "${BINDING:-file}" = vcap ] && [ "$variant" != mock ]; then
        # as on Cloud Foundry: both variants see the platform's variables
        environment=(VCAP_APPLICATION="$VCAP_APPLICATION_JSON" VCAP_SERVICES="{\"xsuaa\": [$UAA]}")
    fi
    local launch
    rm -f "$log"   # a READY line of the previous start must not count for this one
    launch=$(date +%s%3N)
    env -u VCAP_SERVICES -u VCAP_APPLICATION -u SERVICE_BINDING_ROOT -u KUBERNETES_SERVICE_HOST \
        "${environment[@]}" java ${JAVA_OPTS:-} "$@" -cp "$(classpath "$variant")" \
        dev.btpboot.benchmarks.startup.StartupApplication "${args[@]}" > "$log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 6000); do
        grep -qs '^READY' "$log" && break
        kill -0 "$pid" 2>/dev/null || { echo "$variant did not start, see $log" >&2; cat "$log" >&2; exit 1; }
        sleep 0.05
    done
    local rss classes ready boot cpu
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    classes=$(jstat -class "$pid" | awk 'NR == 2 {print $1}')
    kill "$pid"; wait "$pid" 2>/dev/null || true
    ready=$(awk '/^READY/ {split($2, a, "="); print a[2]}' "$log")
    boot=$(awk '/^READY/ {split($3, a, "="); print a[2]}' "$log")
    echo "$((ready - launch)) $boot $rss $classes $cpu"
}

if [ "$MODE" = profile ]; then
    for variant in spring btp; do
        start_once "$variant" -Dbench.steps=30 "-Xlog:class+load=info:file=$OUT/classes-$variant.txt" > /dev/null
        sed -i 's/^[^ ]* //; s/ source:.*//; s/\$\$Lambda.*//' "$OUT/classes-$variant.txt"
    done
    echo "btp: Spring's start-up steps with the most own time (ms, with class loading logged)"
    grep '^STEPS' "$OUT/btp.log" | sed 's/^STEPS //'
    echo
    echo "Classes loaded by btp minus those loaded by spring, by package (first three segments; lambdas and"
    echo "other hidden classes count with the package of their class):"
    awk -F. 'FNR == 1 { file++ }
             { n = (NF > 4) ? 3 : NF - 1; p = $1; for (i = 2; i <= n; i++) p = p "." $i
               c[p] += (file == 2) ? 1 : -1 }
             END { for (p in c) if (c[p] != 0) print c[p], p }' \
        "$OUT/classes-spring.txt" "$OUT/classes-btp.txt" | sort -rn | head -25
    echo "total: spring $(wc -l < "$OUT/classes-spring.txt"), btp $(wc -l < "$OUT/classes-btp.txt")"
    exit 0
fi

for variant in "${VARIANTS[@]}"; do start_once "$variant" > /dev/null; done   # warm-up: page cache, CDS
rm -f "$OUT/results.txt"
printf '%-5s %-7s %9s %9s %9s %9s %8s\n' round variant start-ms boot-ms cpu-ms rss-MiB classes
for round in $(seq 1 "$ROUNDS"); do
    count=${#VARIANTS[@]}
    for i in $(seq 0 $((count - 1))); do
        variant=${VARIANTS[$(( (i + round - 1) % count ))]}
        read -r start boot rss classes cpu <<< "$(start_once "$variant")"
        printf '%-5s %-7s %9s %9s %9s %9.1f %8s\n' "$round" "$variant" "$start" "$boot" "$cpu" \
            "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$classes"
        echo "$round $variant $start $boot $rss $classes $cpu" >> "$OUT/results.txt"
    done
done
echo
echo "median [min-max]; ratio = median of the per-round ratios to spring [their range]"
printf '%-7s %-22s %-22s %-22s %-16s %-18s %-17s %-17s %-17s\n' variant start-ms boot-ms cpu-ms rss-MiB classes \
    start/spring cpu/spring rss/spring
for variant in "${VARIANTS[@]}"; do
    awk -v v="$variant" '
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        function stat(a, n, scale, fmt,   med) {
            med = median(a, n); return sprintf(fmt " [" fmt "-" fmt "]", med / scale, a[1] / scale, a[n] / scale)
        }
        $2 == "spring" { bs[$1] = $3; br[$1] = $5; bu[$1] = $7 }
        $2 == v { n++; s[n] = $3; b[n] = $4; r[n] = $5; c[n] = $6; u[n] = $7; rs[$1] = $3; rr[$1] = $5; ru[$1] = $7 }
        END {
            for (k in rs) if (k in bs) { m++; qs[m] = rs[k] / bs[k]; qr[m] = rr[k] / br[k]; qu[m] = ru[k] / bu[k] }
            printf "%-7s %-22s %-22s %-22s %-16s %-18s %-17s %-17s %-17s\n", v, stat(s, n, 1, "%d"),
                stat(b, n, 1, "%d"), stat(u, n, 1, "%d"), stat(r, n, 1024, "%.0f"), stat(c, n, 1, "%d"),
                m ? stat(qs, m, 1, "%.2f") : "-", m ? stat(qu, m, 1, "%.2f") : "-", m ? stat(qr, m, 1, "%.2f") : "-"
        }' "$OUT/results.txt"
done
