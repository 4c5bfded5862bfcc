package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tideflow.contracts.Violations;

/**
 * How a policy turns metric values into a replica count. The JSON form names its kind in {@code "type"}; a new
 * kind of rule is one more record here and one more {@link JsonSubTypes} entry.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownRule.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ThresholdRule.class, name = ThresholdRule.TYPE),
    @JsonSubTypes.Type(value = ThresholdsRule.class, name = ThresholdsRule.TYPE),
    @JsonSubTypes.Type(value = TargetTrackingRule.class, name = TargetTrackingRule.TYPE)
})
public sealed interface ScalingRule permits ThresholdRule, ThresholdsRule, TargetTrackingRule, UnknownRule {

    /** The rule types this build understands, as users write them. */
    String KNOWN_TYPES = ThresholdRule.TYPE + ", " + ThresholdsRule.TYPE + ", " + TargetTrackingRule.TYPE;

    String type();

    /** Adds every rule this definition breaks to {@code check}, fields named {@code rule.<field>}. */
    void validate(Violations check);
}
