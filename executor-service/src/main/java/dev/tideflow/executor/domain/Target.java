package dev.tideflow.executor.domain;

import java.util.List;

/**
 * A workload the executor scales, as the drivers see it.
 *
 * @param command          what one replica runs (process driver); empty for drivers that need none
 * @param workingDirectory where a replica runs, or null for the executor's own
 */
public record Target(String namespace, String name, String driver, List<String> command, String workingDirectory) {

    public Target {
        command = command == null ? List.of() : List.copyOf(command);
    }

    /** A target nobody registered: only its id and the driver that handles such targets are known. */
    public static Target unregistered(String id, String driver) {
        TargetId parsed = TargetId.parse(id);
        return new Target(parsed.namespace(), parsed.name(), driver, List.of(), null);
    }

    public String id() {
        return namespace + "/" + name;
    }

    public Target withDriver(String otherDriver) {
        return new Target(namespace, name, otherDriver, command, workingDirectory);
    }
}
