package dev.tideflow.config.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the master key: a file (its whole content, one base64 key) when one is configured, else an environment
 * variable. A configured file that cannot be read is an error, never a silent fall-back to the variable.
 */
public final class MasterKeySource {

    private MasterKeySource() {
    }

    /**
     * @param file        the key file, if configured
     * @param envVariable the name of the environment variable to read otherwise
     * @param environment reads an environment variable (null when unset)
     * @return empty when neither source is configured
     */
    public static Optional<MasterKey> load(Optional<Path> file, String envVariable,
            Function<String, String> environment) {
        if (file.isPresent()) {
            Path path = file.get();
            String content;
            try {
                content = Files.readString(path);
            } catch (IOException e) {
                throw new SecretCryptoException("cannot read the master key file " + path + ": " + e, e);
            }
            return Optional.of(MasterKey.fromBase64(content, "file " + path));
        }
        String value = envVariable == null ? null : environment.apply(envVariable);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(MasterKey.fromBase64(value, "environment variable " + envVariable));
    }
}
