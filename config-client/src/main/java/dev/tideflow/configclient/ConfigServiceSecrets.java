package dev.tideflow.configclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideflow.contracts.ConfigScope;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a secret in clear with {@code GET /api/config/{scope}/{key}}, authenticated by this service's token
 * (role {@code service}, subject {@code service:<name>}). config-service reveals only the secrets this service
 * inherits or owns, and audits every such read.
 */
final class ConfigServiceSecrets implements SecretSource {

    /** What config-service shows instead of a secret to a caller that may not read it. */
    static final String MASK = "******";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Supplier<Optional<String>> token;
    private final Duration timeout;
    private final HttpClient http;

    ConfigServiceSecrets(URI baseUrl, Supplier<Optional<String>> token, Duration timeout) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Optional<String> fetch(ConfigScope scope, String key) {
        String bearer = token.get().filter(t -> !t.isBlank()).orElseThrow(() -> new SecretFetchException(
                "no service token (tideflow.config-client.token) to read secrets with", false));
        URI uri = baseUrl.resolve("/api/config/" + scope.path() + "/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + bearer.strip())
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SecretFetchException("config-service at " + baseUrl + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretFetchException("interrupted while reading a secret", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 401 || status == 403) {
            throw new SecretFetchException("config-service refused the service token (HTTP " + status + ")", false);
        }
        if (status != 200) {
            throw new SecretFetchException("config-service answered HTTP " + status, status >= 500 || status == 429);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SecretFetchException("config-service answered with invalid JSON: " + e.getMessage(), false);
        }
        JsonNode value = body.get("value");
        if (value == null || !value.isTextual()) {
            throw new SecretFetchException("config-service answered without a value", false);
        }
        if (body.path("secret").asBoolean(false) && MASK.equals(value.asText())) {
            throw new SecretFetchException("config-service masked " + scope.path() + "/" + key
                    + ": the token is not a service token of a service that may read it", false);
        }
        return Optional.of(value.asText());
    }
}
