package dev.tideflow.log.quarkus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@code tideflow.log.*} into the property maps the core parses ({@code LoggerConfig.fromProperties},
 * {@code FileSinkConfig.fromProperties}), so values are validated once, by the core, with its messages.
 */
final class CoreProperties {

    private CoreProperties() {
    }

    static Map<String, String> logger(TideflowLogConfig c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("level", c.level());
        p.put("backpressure", c.backpressure());
        p.put("format", c.encoder());
        p.put("pattern", c.pattern());
        c.ringCapacity().ifPresent(capacity -> {
            p.put("ring.single-capacity", Integer.toString(capacity));
            p.put("ring.mpsc-capacity", Integer.toString(capacity));
        });
        p.putAll(unquoted(c.core()));
        return p;
    }

    static Map<String, String> sink(TideflowLogConfig c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("directory", c.directory());
        p.put("file-name", c.fileName());
        p.put("max-size", c.maxFileSize());
        p.put("rotate-every", c.rotationInterval());
        p.put("max-files", Integer.toString(c.retention().maxFiles()));
        p.put("max-age", c.retention().maxAge());
        p.put("max-total-size", c.retention().maxTotalSize());
        p.put("compression", c.compression());
        p.put("checksum", Boolean.toString(c.checksum()));
        p.putAll(unquoted(c.sink()));
        return p;
    }

    /** Keys may be written quoted ({@code core."scale.up.contention"}); the core wants them bare. */
    private static Map<String, String> unquoted(Map<String, String> raw) {
        Map<String, String> p = new LinkedHashMap<>();
        raw.forEach((k, v) -> p.put(k.length() > 1 && k.startsWith("\"") && k.endsWith("\"")
                ? k.substring(1, k.length() - 1) : k, v));
        return p;
    }
}
