#!/usr/bin/env bash
# Builds the ingest service and this bench (offline), then runs dev.tessera.bench.IngestBenchmark.
# Arguments go to the benchmark, e.g.  bench/run-ingest.sh --rate 2000 --duration 30
# SKIP_BUILD=1 reuses the service jar and bench classes already built; BENCH_JAVA_OPTS adds flags to the
# bench JVM (e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=(./mvnw -B -q)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  "${MVN[@]}" -pl webhook-ingest-service package -DskipTests
  "${MVN[@]}" -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi

# A plain JVM rather than exec:java, so the load generator's heap and GC are known and reported.
# 1 GiB holds the latency arrays and Kafka checks; G1's short pauses keep the generator on schedule.
exec java -Xms1g -Xmx1g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.tessera.bench.IngestBenchmark "$@"
