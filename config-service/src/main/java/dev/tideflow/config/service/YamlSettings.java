package dev.tideflow.config.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * An environment's settings as a YAML document: dotted keys become nested sections ({@code scaling.max-replicas}
 * is {@code scaling: {max-replicas: …}}) and back. Every value is written as a YAML string, so a round trip keeps
 * its exact text ({@code 1.50} stays {@code 1.50}); on import, a scalar of any type is taken as its source text
 * and a sequence or a flow mapping under a leaf as its JSON text.
 *
 * <p>When a key is also the start of another ({@code cache} and {@code cache.size}), the longer one is written
 * with its dotted remainder as one name ({@code "cache.size"}) beside the shorter: a section cannot be a value too.
 */
public final class YamlSettings {

    /** An import larger than this is refused before parsing (about 1000 settings of moderate length). */
    public static final int MAX_DOCUMENT_CHARS = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private YamlSettings() {
    }

    /** @param values setting values by key */
    public static String render(SortedMap<String, String> values) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            place(root, entry.getKey().split("\\."), 0, entry.getValue());
        }
        try {
            return root.isEmpty() ? "{}\n" : YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write settings as YAML", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> section, String[] path, int from, String value) {
        if (from == path.length - 1) {
            section.put(path[from], value);
            return;
        }
        Object existing = section.get(path[from]);
        if (existing instanceof String) {
            section.put(String.join(".", Arrays.copyOfRange(path, from, path.length)), value);
            return;
        }
        Map<String, Object> child = existing == null ? new LinkedHashMap<>() : (Map<String, Object>) existing;
        section.put(path[from], child);
        place(child, path, from + 1, value);
    }

    /**
     * The settings a document describes, by dotted key in document order; every problem is added to
     * {@code problems} (then the result is incomplete and must not be applied).
     */
    public static Map<String, String> flatten(String document, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (document == null || document.isBlank()) {
            problems.add("the document is empty");
            return values;
        }
        if (document.length() > MAX_DOCUMENT_CHARS) {
            problems.add("the document is larger than " + MAX_DOCUMENT_CHARS + " characters");
            return values;
        }
        try (JsonParser parser = YAML.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add("the document must be a mapping of sections and settings");
                return values;
            }
            section(parser, "", values, problems);
            if (parser.nextToken() != null) {
                problems.add("the document must hold a single YAML document");
            }
        } catch (IOException e) {
            problems.add("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return values;
    }

    private static void section(JsonParser parser, String prefix, Map<String, String> values,
            List<String> problems) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                section(parser, key + ".", values, problems);
                continue;
            }
            String value;
            if (token == JsonToken.START_ARRAY) {
                JsonNode array = YAML.readTree(parser);
                value = JSON.writeValueAsString(array);
            } else if (token == JsonToken.VALUE_NULL || parser.getText().isEmpty()) {
                problems.add("'" + key + "' has no value (delete settings with a change-set instead)");
                continue;
            } else {
                value = parser.getText();
            }
            if (values.put(key, value) != null) {
                problems.add("'" + key + "' appears more than once");
            }
        }
    }
}
