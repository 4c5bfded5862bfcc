package dev.tideflow.policy.service;

import java.util.List;

/**
 * What the burst detectors said about the values a policy read from a window.
 *
 * @param burst    whether a value was far outside its metric's recent distribution (above or below)
 * @param accounts the detectors' account of each value, e.g. {@code "cpu avg burst: 97 vs median 41 …"}
 */
public record BurstSignal(boolean burst, List<String> accounts) {

    public static final String HIGH = "high";
    public static final String NORMAL = "normal";
    public static final BurstSignal NONE = new BurstSignal(false, List.of());

    public BurstSignal {
        accounts = List.copyOf(accounts);
    }

    public String priority() {
        return burst ? HIGH : NORMAL;
    }
}
