package dev.tideflow.executor.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code PUT /api/targets/{namespace}/{name}}.
 *
 * @param command          what one replica runs; required by the process driver
 * @param workingDirectory where a replica runs; the executor's own directory when absent
 */
public record TargetRequest(
        @NotBlank @Size(max = 64) String driver,
        @Size(max = 256) List<@NotBlank @Size(max = 4096) String> command,
        @Size(max = 4096) String workingDirectory) {
}
