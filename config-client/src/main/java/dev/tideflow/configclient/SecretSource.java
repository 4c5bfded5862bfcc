package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigScope;

import java.util.Optional;

/** Where a secret setting's value is read in clear: config-service, with this service's token. */
interface SecretSource {

    /**
     * @return the value of {@code key} in {@code scope}, or empty when the setting no longer exists there
     * @throws SecretFetchException when it cannot be read now; {@link SecretFetchException#retryable()} tells
     *                              whether trying again may help
     */
    Optional<String> fetch(ConfigScope scope, String key);
}
