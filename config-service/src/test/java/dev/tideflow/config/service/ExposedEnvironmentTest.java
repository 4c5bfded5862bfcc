package dev.tideflow.config.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ExposedEnvironmentTest {

    private final Map<String, String> env = Map.of("TIDEFLOW_PUBLIC_REGION", "eu-1", "HOSTNAME", "pod-1",
            "DB_PASSWORD", "x", "MY_MASTER", "k", "TIDEFLOW_CONFIG_MASTER_KEY", "k");

    @Test
    void onlyAllowedVariablesAreRead() {
        ExposedEnvironment exposed = new ExposedEnvironment(List.of("TIDEFLOW_PUBLIC_*", "HOSTNAME"), "MY_MASTER",
                env::get);
        assertEquals("eu-1", exposed.apply("TIDEFLOW_PUBLIC_REGION"));
        assertEquals("pod-1", exposed.apply("HOSTNAME"));
        assertNull(exposed.apply("DB_PASSWORD"));
        assertNull(exposed.apply("HOSTNAMEX"));
    }

    @Test
    void theMasterKeyVariableIsNeverRead() {
        ExposedEnvironment everything = new ExposedEnvironment(List.of("*"), "MY_MASTER", env::get);
        assertEquals("x", everything.apply("DB_PASSWORD"));
        assertNull(everything.apply("MY_MASTER"));
        assertNull(everything.apply("TIDEFLOW_CONFIG_MASTER_KEY"));
    }
}
