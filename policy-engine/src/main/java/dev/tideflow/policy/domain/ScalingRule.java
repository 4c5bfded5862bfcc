package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tideflow.contracts.Violations;

/**
 * How a policy turns a metric value into a replica count. The JSON form names its kind in
 * {@code "type"}; a new kind of rule is one more record here and one more {@link JsonSubTypes} entry.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownRule.class)
@JsonSubTypes(@JsonSubTypes.Type(value = ThresholdRule.class, name = ThresholdRule.TYPE))
public sealed interface ScalingRule permits ThresholdRule, UnknownRule {

    /** The rule types this build understands, as users write them. */
    String KNOWN_TYPES = ThresholdRule.TYPE;

    String type();

    /** Adds every rule this definition breaks to {@code check}, fields named {@code rule.<field>}. */
    void validate(Violations check);

    /**
     * The replica count this rule asks for, always within {@code [range.min, range.max]}.
     *
     * @param value   the policy's aggregate of the window
     * @param current the replicas the target runs now
     */
    RuleProposal propose(double value, int current, ReplicaRange range);
}
