package dev.tideflow.contracts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the rules a message breaks, so that one answer lists them all. */
public final class Violations {

    public static final int MAX_NAME_LENGTH = 253;
    public static final int MAX_TEXT_LENGTH = 2048;

    /** {@code namespace/name}: a DNS-1123 label, a slash, a DNS-1123 subdomain. */
    private static final Pattern TARGET = Pattern.compile(
            "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern METRIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]{0,127}");

    private final List<String> found = new ArrayList<>();

    public Violations add(String violation) {
        found.add(violation);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(found);
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ContractViolationException(found);
        }
    }

    public Violations version(Integer v) {
        if (v == null) {
            return add("'v' is required");
        }
        if (v != Contract.VERSION) {
            add("unsupported schema version " + v + " (this build reads version " + Contract.VERSION + ")");
        }
        return this;
    }

    public boolean required(String field, Object value) {
        if (value == null) {
            add("'" + field + "' is required");
            return false;
        }
        return true;
    }

    public Violations target(String field, String value) {
        if (required(field, value) && !length(field, value, MAX_NAME_LENGTH + 64)) {
            return this;
        }
        if (value != null && !TARGET.matcher(value).matches()) {
            add("'" + field + "' must be namespace/name in lower case (DNS-1123), got '" + clip(value) + "'");
        }
        return this;
    }

    public Violations metricName(String field, String value) {
        if (required(field, value) && length(field, value, 128) && !METRIC.matcher(value).matches()) {
            add("'" + field + "' must start with a letter or '_' and use only letters, digits and _ . : / -");
        }
        return this;
    }

    public Violations text(String field, String value, int maxLength, boolean mandatory) {
        if (mandatory && !required(field, value)) {
            return this;
        }
        if (value != null) {
            if (mandatory && value.isBlank()) {
                add("'" + field + "' must not be blank");
            }
            length(field, value, maxLength);
        }
        return this;
    }

    public Violations nonNegativeFinite(String field, Double value, boolean mandatory) {
        if (finite(field, value, mandatory) && value < 0) {
            add("'" + field + "' must not be negative, got " + value);
        }
        return this;
    }

    /** A finite number above 0: a quantity something is divided by, such as a resource request. */
    public Violations positiveFinite(String field, Double value, boolean mandatory) {
        if (finite(field, value, mandatory) && value <= 0) {
            add("'" + field + "' must be above 0, got " + value);
        }
        return this;
    }

    /** True when {@code value} is present and finite; otherwise records why not (absent only if mandatory). */
    private boolean finite(String field, Double value, boolean mandatory) {
        if (value == null) {
            if (mandatory) {
                add("'" + field + "' is required");
            }
            return false;
        }
        if (!Double.isFinite(value)) {
            add("'" + field + "' must be a finite number, got " + value);
            return false;
        }
        return true;
    }

    public Violations nonNegative(String field, Number value, boolean mandatory) {
        if (value == null) {
            if (mandatory) {
                add("'" + field + "' is required");
            }
            return this;
        }
        if (value.longValue() < 0) {
            add("'" + field + "' must not be negative, got " + value);
        }
        return this;
    }

    public Violations instant(String field, Instant value, boolean mandatory) {
        if (value == null && mandatory) {
            add("'" + field + "' is required");
        }
        return this;
    }

    private boolean length(String field, String value, int max) {
        if (value.length() > max) {
            add("'" + field + "' is longer than " + max + " characters (" + value.length() + ")");
            return false;
        }
        return true;
    }

    private static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
