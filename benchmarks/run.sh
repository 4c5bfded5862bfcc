#!/usr/bin/env bash
# Builds the JMH benchmarks and runs the full set: the logging core against Log4j2 async loggers and Logback's
# AsyncAppender, sustained (no-op and file sinks) and per call while the queue has room (producer cost), on 1/2/4
# threads with -prof gc, the forced mode-switch latency, the cost of filling one slot (young and promoted), and the
# three frameworks taking turns in one JVM (InterleavedComparison). Every trial fails if a single record was lost.
# Results (JMH JSON + the text report) go to benchmarks/results/<UTC timestamp>/. The full set takes about 25 minutes.
#
#   benchmarks/run.sh              full set: forks 1, warmup 3 x 2s, measurement 5 x 2s
#   benchmarks/run.sh --smoke      one short iteration per benchmark, to prove they all run and lose nothing
#
# Overridable: FORKS, WARMUP_ITERATIONS, WARMUP_TIME, ITERATIONS, ITERATION_TIME, THREADS ("1 2 4"),
# JMH_ARGS (extra JMH options, e.g. "-p sink=noop" or "-p mode=single,mpsc,auto"), INTERLEAVED_SECONDS (30).
# Run it on a quiet machine: on a busy one the numbers mean nothing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

mode=full
if [[ "${1:-}" == "--smoke" ]]; then
    mode=smoke
fi

FORKS="${FORKS:-1}"
THREADS="${THREADS:-1 2 4}"
if [[ $mode == smoke ]]; then
    WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-0}"
    WARMUP_TIME="${WARMUP_TIME:-1s}"
    ITERATIONS="${ITERATIONS:-1}"
    ITERATION_TIME="${ITERATION_TIME:-1s}"
    INTERLEAVED_SECONDS="${INTERLEAVED_SECONDS:-3}"
else
    WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-3}"
    WARMUP_TIME="${WARMUP_TIME:-2s}"
    ITERATIONS="${ITERATIONS:-5}"
    ITERATION_TIME="${ITERATION_TIME:-2s}"
    INTERLEAVED_SECONDS="${INTERLEAVED_SECONDS:-30}"
fi

(cd "$root" && ./mvnw -B -q package -pl benchmarks -am -DskipTests)

out="$here/results/$([[ $mode == smoke ]] && echo smoke-)$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

jmh() {
    local name="$1"
    shift
    echo "== $name"
    # -foe: a trial that lost records throws in its tear-down, which must fail the run, not just that trial.
    java -cp "$classpath" org.openjdk.jmh.Main "$@" \
        -f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME" \
        -foe true -rf json -rff "$out/$name.json" ${JMH_ARGS:-} | tee "$out/$name.txt"
}

# Sustained throughput in ops/us (all threads together), and the per-call cost in ns/op per thread with each
# framework's system and cached clock.
for t in $THREADS; do
    jmh "async-logging-t$t" 'dev\.tideflow\.bench\.AsyncLoggingBenchmark\.' -t "$t" -bm thrpt -tu us -prof gc
    jmh "producer-cost-t$t" 'dev\.tideflow\.bench\.ProducerCostBenchmark\.' -t "$t" -p sink=noop \
        -p clock=system,cached -prof gc
done
jmh mode-switch 'dev\.tideflow\.bench\.ModeSwitchBenchmark\.' -prof gc
# The core's own cost of filling a slot on one thread, young and promoted (no consumer, no cross-core traffic).
jmh slot-fill 'dev\.tideflow\.bench\.RecordSlotFillBenchmark\.' -prof gc

# The three frameworks in one JVM taking turns in 400 ms slices, so each round compares them under the same host
# conditions (see InterleavedComparison); the ratio is per round.
for t in $THREADS; do
    echo "== interleaved-t$t"
    java -Xms1g -Xmx1g -cp "$classpath" dev.tideflow.bench.InterleavedComparison --threads "$t" \
        --seconds "$INTERLEAVED_SECONDS" --slice-ms 400 --mode auto | tee "$out/interleaved-t$t.txt"
done

echo "Results in $out"
