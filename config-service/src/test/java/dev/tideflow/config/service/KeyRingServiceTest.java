package dev.tideflow.config.service;

import dev.tideflow.config.config.ConfigServiceConfig;
import dev.tideflow.config.crypto.SecretCryptoException;
import dev.tideflow.kit.rest.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRingServiceTest {

    private static final Caller ADMIN = new Caller("admin", true, "r-1");

    @Test
    void withoutAMasterKeySecretsAnswer503AndTheServiceStillStarts() {
        KeyRingService keys = new KeyRingService(config(Optional.empty(), "TIDEFLOW_TEST_UNSET_MASTER_KEY"), null,
                null);

        assertFalse(keys.available());
        ProblemException e = assertThrows(ProblemException.class, () -> keys.forWriting(ADMIN));
        assertEquals(503, e.problem().status());
        assertTrue(e.problem().detail().contains("TIDEFLOW_TEST_UNSET_MASTER_KEY"), e.problem().detail());
        assertEquals(503, assertThrows(ProblemException.class, () -> keys.forReading(1)).problem().status());
        assertEquals(503, assertThrows(ProblemException.class, () -> keys.digest("x")).problem().status());
    }

    @Test
    void aConfiguredButBrokenKeyFailsTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "too-short");

        SecretCryptoException e = assertThrows(SecretCryptoException.class,
                () -> new KeyRingService(config(Optional.of(file), "UNUSED"), null, null));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static ConfigServiceConfig config(Optional<Path> file, String env) {
        return new ConfigServiceConfig() {
            @Override
            public Relay relay() {
                throw new UnsupportedOperationException();
            }

            @Override
            public MasterKey masterKey() {
                return new MasterKey() {
                    @Override
                    public Optional<Path> file() {
                        return file;
                    }

                    @Override
                    public String env() {
                        return env;
                    }
                };
            }

            @Override
            public Rewrap rewrap() {
                return new Rewrap() {
                    @Override
                    public int batchSize() {
                        return 100;
                    }

                    @Override
                    public Duration sweepInterval() {
                        return Duration.ofSeconds(30);
                    }
                };
            }

            @Override
            public Templates templates() {
                return () -> List.of();
            }
        };
    }
}
