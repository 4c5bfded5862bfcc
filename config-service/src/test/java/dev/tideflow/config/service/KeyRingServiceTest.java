package dev.tideflow.config.service;

import dev.tideflow.config.config.ConfigServiceConfig;
import dev.tideflow.config.crypto.MasterKey;
import dev.tideflow.config.domain.KeyVersion;
import dev.tideflow.config.repository.KeyVersionRepository;
import dev.tideflow.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
    void aConfiguredButBrokenKeyIsReportedAndRefusesSecrets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "too-short");

        KeyRingService keys = new KeyRingService(config(Optional.of(file), "UNUSED"), null, null);

        assertFalse(keys.available());
        String reason = keys.problem().await().indefinitely().orElseThrow();
        assertTrue(reason.contains("cannot be loaded") && reason.contains(file.toString()), reason);
        ProblemException e = assertThrows(ProblemException.class, () -> keys.forReading(1));
        assertEquals(503, e.problem().status());
        assertTrue(e.problem().detail().contains(file.toString()), e.problem().detail());
    }

    @Test
    void aMissingKeyIsReported() {
        KeyRingService keys = new KeyRingService(config(Optional.empty(), "TIDEFLOW_TEST_UNSET_MASTER_KEY"), null,
                null);

        String reason = keys.problem().await().indefinitely().orElseThrow();
        assertTrue(reason.contains("no master key") && reason.contains("TIDEFLOW_TEST_UNSET_MASTER_KEY"), reason);
    }

    @Test
    void aKeyThatDoesNotUnsealTheActiveVersionIsReported(@TempDir Path dir) throws Exception {
        MasterKey other = MasterKey.fromBase64(MasterKey.generateBase64(), "test");
        KeyVersion active = new KeyVersion(1, other.sealKek(1, MasterKey.newKek()), Instant.now(), "admin");
        Path file = dir.resolve("master.key");
        Files.writeString(file, MasterKey.generateBase64());

        KeyRingService wrong = new KeyRingService(config(Optional.of(file), "UNUSED"), versions(active), null);
        String reason = wrong.problem().await().indefinitely().orElseThrow();
        assertTrue(reason.contains("does not unseal") && reason.contains("version 1"), reason);

        Files.writeString(file, MasterKey.generateBase64());
        KeyRingService fresh = new KeyRingService(config(Optional.of(file), "UNUSED"), versions(), null);
        assertEquals(Optional.empty(), fresh.problem().await().indefinitely(), "no key version yet: nothing to open");
    }

    /** Key versions as the database would list them. */
    private static KeyVersionRepository versions(KeyVersion... stored) {
        return new KeyVersionRepository() {
            @Override
            public Uni<List<KeyVersion>> listAll() {
                return Uni.createFrom().item(List.of(stored));
            }

            @Override
            public Uni<KeyVersion> findActive() {
                return Uni.createFrom().item(Arrays.stream(stored)
                        .filter(v -> v.state() == KeyVersion.State.ACTIVE).findFirst().orElse(null));
            }

            @Override
            public Uni<Void> flush() {
                return Uni.createFrom().voidItem();
            }
        };
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
