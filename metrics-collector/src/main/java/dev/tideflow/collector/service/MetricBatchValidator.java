package dev.tideflow.collector.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ContractViolationException;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.kit.rest.Problem;
import dev.tideflow.kit.rest.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code POST /api/metrics} body into samples, all or nothing: either every sample is valid, or
 * the batch is refused with a problem naming each bad sample by index. REST callers may leave out
 * {@code v} (the current version is assumed) and {@code timestamp} (the time of the request).
 */
public final class MetricBatchValidator {

    /** Enough to fix a batch; a longer list would only hide the first mistakes in a huge answer. */
    static final int MAX_REPORTED_ERRORS = 100;

    private final int maxBatchSize;

    public MetricBatchValidator(int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * @param body {@code {"samples": [...]}} or a bare JSON array of samples
     * @param now  the timestamp given to samples that have none
     * @throws ProblemException 400 for an invalid batch, 413 for one above the size limit
     */
    public List<MetricSample> validate(JsonNode body, Instant now) {
        JsonNode samples = samplesOf(body);
        int size = samples.size();
        if (size == 0) {
            throw ProblemException.invalid("the batch is empty", List.of("'samples' must hold at least one sample"));
        }
        if (size > maxBatchSize) {
            throw new ProblemException(new Problem("https://tideflow.dev/problems/batch-too-large",
                    "Payload Too Large", 413,
                    "a batch of " + size + " samples exceeds the limit of " + maxBatchSize
                            + "; split it into smaller batches", null, null));
        }
        List<MetricSample> valid = new ArrayList<>(size);
        List<String> errors = new ArrayList<>();
        int invalid = 0;
        for (int i = 0; i < size; i++) {
            List<String> problems = new ArrayList<>();
            MetricSample sample = decode(samples.get(i), problems);
            if (sample == null) {
                invalid++;
                for (String problem : problems) {
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add("samples[" + i + "]: " + problem);
                    }
                }
            } else {
                valid.add(sample.timestamp() == null ? sample.withTimestamp(now) : sample);
            }
        }
        if (invalid > 0) {
            String detail = invalid + " of " + size + " samples are invalid; none of the batch was accepted"
                    + (errors.size() == MAX_REPORTED_ERRORS ? " (the first " + MAX_REPORTED_ERRORS
                            + " errors are listed)" : "");
            throw ProblemException.invalid(detail, errors);
        }
        return valid;
    }

    /** How many samples a body carries, valid or not; at least 1, so a refused body always counts. */
    public static int sampleCount(JsonNode body) {
        if (body != null && body.isArray()) {
            return Math.max(1, body.size());
        }
        JsonNode samples = body == null ? null : body.get("samples");
        return samples != null && samples.isArray() ? Math.max(1, samples.size()) : 1;
    }

    private static JsonNode samplesOf(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.invalid("the request has no body",
                    List.of("expected {\"samples\": [...]} or a JSON array of samples"));
        }
        if (body.isArray()) {
            return body;
        }
        if (body.isObject()) {
            JsonNode samples = body.get("samples");
            if (samples == null || samples.isNull()) {
                throw ProblemException.invalid("the batch has no samples", List.of("'samples' is required"));
            }
            if (!samples.isArray()) {
                throw ProblemException.invalid("the batch is malformed", List.of("'samples' must be an array"));
            }
            return samples;
        }
        throw ProblemException.invalid("the batch is malformed",
                List.of("expected {\"samples\": [...]} or a JSON array of samples"));
    }

    /** The sample, or null with the reasons added to {@code problems}. */
    private static MetricSample decode(JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add("must be a JSON object, got " + node.getNodeType().name().toLowerCase());
            return null;
        }
        ObjectNode sample = (ObjectNode) node;
        if (!sample.has("v")) {
            sample = sample.deepCopy();
            sample.put("v", Contract.VERSION);
        }
        try {
            // The same codec as the Kafka path, so a sample is valid over REST exactly when it is on the topic.
            return ContractCodec.decode(sample.toString(), MetricSample.class);
        } catch (ContractViolationException e) {
            problems.addAll(e.violations());
            return null;
        }
    }
}
