package dev.tideflow.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The core's structured entry point: the values go in as typed fields and the layout renders them with %X. */
@State(Scope.Benchmark)
public class TideflowFieldsState extends TideflowState {

    @Override
    String pattern() {
        return BenchmarkOutput.TIDEFLOW_FIELDS_PATTERN;
    }

    @Override
    String label() {
        return "tideflow-fields";
    }
}
