package dev.tideflow.policy.domain;

/**
 * What a rule asks for and why.
 *
 * @param condition how the value compared with the rule, e.g. {@code "> scale-up threshold 80"}
 * @param limit     which bound changed the rule's raw answer, e.g. {@code "capped at maxReplicas 5"}; null if none
 */
public record RuleProposal(int desiredReplicas, String condition, String limit) {
}
