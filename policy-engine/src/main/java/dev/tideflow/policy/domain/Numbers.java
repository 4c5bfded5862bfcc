package dev.tideflow.policy.domain;

import java.math.BigDecimal;

/** Numbers as people write them in reasons and messages: {@code 80}, not {@code 80.0}. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
