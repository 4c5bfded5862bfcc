package dev.tideflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Reads and writes the suite's messages as JSON. Reading validates: anything that does not match
 * the schema raises {@link ContractViolationException} naming every reason, never a half-read record.
 */
public final class ContractCodec {

    /** No single message of the suite comes near this; a larger one is refused before parsing. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_MESSAGE_BYTES).maxNestingDepth(16).build());
    }

    private ContractCodec() {
    }

    public static <T extends Contract> T decode(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new ContractViolationException("empty message");
        }
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static <T extends Contract> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new ContractViolationException("empty message");
        }
        if (json.length > MAX_MESSAGE_BYTES) {
            throw new ContractViolationException("message of " + json.length + " bytes exceeds the limit of "
                    + MAX_MESSAGE_BYTES);
        }
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonMappingException e) {
            throw new ContractViolationException(describe(e));
        } catch (JsonProcessingException e) {
            throw new ContractViolationException("not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ContractViolationException("unreadable message: " + e.getMessage());
        }
        if (value == null) {
            throw new ContractViolationException("message is JSON null");
        }
        validate(value);
        return value;
    }

    /** Throws {@link ContractViolationException} if {@code message} breaks its schema. */
    public static void validate(Contract message) {
        Violations check = new Violations();
        message.validate(check);
        check.throwIfAny();
    }

    /** Validates and writes {@code message}; an invalid message is a bug in the sender and is never written. */
    public static String encode(Contract message) {
        validate(message);
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String what = e.getOriginalMessage();
        int cut = what.indexOf('\n');
        if (cut > 0) {
            what = what.substring(0, cut);
        }
        return path.isEmpty() ? "malformed message: " + what : "field '" + path + "': " + what;
    }
}
