package dev.tideflow.config.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code If-Match} precondition on a setting, whose entity tag is its revision ({@code "42"}). Comparison is
 * strong (RFC 9110 §13.1.1): a weak tag never matches, {@code *} matches any existing setting.
 */
public final class IfMatch {

    private static final IfMatch NONE = new IfMatch(false, List.of());

    private final boolean any;
    private final List<String> tags;

    private IfMatch(boolean any, List<String> tags) {
        this.any = any;
        this.tags = tags;
    }

    /** @param header the header value, null when absent */
    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        if (header.strip().equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<String> tags = new ArrayList<>();
        for (String part : header.split(",")) {
            String tag = part.strip();
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tags.add(tag.substring(1, tag.length() - 1));
            }
            // Weak or malformed tags are kept out: they can never satisfy a strong comparison.
        }
        return new IfMatch(false, List.copyOf(tags));
    }

    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /** No precondition was given: the write goes ahead whatever the current state. */
    public boolean absent() {
        return this == NONE;
    }

    /** @param currentRevision the setting's revision, null when it does not exist */
    public boolean matches(Long currentRevision) {
        if (absent()) {
            return true;
        }
        if (currentRevision == null) {
            return false;
        }
        return any || tags.contains(Long.toString(currentRevision));
    }
}
