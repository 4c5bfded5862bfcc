package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tideflow.contracts.Violations;

/**
 * A rule whose {@code "type"} this build does not know. It exists so that validation can report the
 * unknown type together with every other mistake of the request; it never passes validation, so it is
 * never stored or evaluated.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnknownRule(@JsonProperty("type") String type) implements ScalingRule {

    @Override
    public void validate(Violations check) {
        if (type == null || type.isBlank()) {
            check.add("'rule.type' is required (known types: " + KNOWN_TYPES + ")");
        } else {
            check.add("unknown rule type '" + type + "' (known types: " + KNOWN_TYPES + ")");
        }
    }
}
