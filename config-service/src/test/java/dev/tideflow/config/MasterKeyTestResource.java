package dev.tideflow.config;

import dev.tideflow.config.crypto.MasterKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A master key generated for this test JVM (nothing committed), written to a file readable by its owner only.
 * One key per JVM: the database outlives an application restart between test classes, and so must the key.
 */
public class MasterKeyTestResource implements QuarkusTestResourceLifecycleManager {

    private static Path file;

    @Override
    public Map<String, String> start() {
        return Map.of("tideflow.config-service.master-key.file", keyFile().toString());
    }

    @Override
    public void stop() {
        // The file is deleted when the JVM exits: a restarted application must find the same key.
    }

    private static synchronized Path keyFile() {
        if (file == null) {
            try {
                file = Files.createTempFile("tideflow-master-", ".key",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, MasterKey.generateBase64());
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
