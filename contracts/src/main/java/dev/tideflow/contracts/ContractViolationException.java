package dev.tideflow.contracts;

import java.util.List;

/** A message that does not match its topic's schema; {@link #violations()} says every reason. */
public class ContractViolationException extends RuntimeException {

    private final List<String> violations;

    public ContractViolationException(List<String> violations) {
        super(String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public ContractViolationException(String violation) {
        this(List.of(violation));
    }

    public List<String> violations() {
        return violations;
    }
}
