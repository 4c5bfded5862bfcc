package dev.tideflow.configclient;

import com.sun.net.httpserver.HttpServer;
import dev.tideflow.contracts.ConfigScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigServiceSecretsTest {

    private static final ConfigScope OWN = new ConfigScope(ConfigScope.Type.SERVICE, "executor-service");

    /** Status and body config-service answers, by key. */
    private static final Map<String, Object[]> ANSWERS = Map.of(
            "plain.secret", new Object[] {200, "{\"value\":\"s3cret\",\"secret\":true}"},
            "masked.secret", new Object[] {200, "{\"value\":\"******\",\"secret\":true}"},
            "gone.secret", new Object[] {404, "{}"},
            "busy.secret", new Object[] {503, "{}"},
            "forbidden.secret", new Object[] {403, "{}"});

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Object[] answer = ANSWERS.get(path.substring(path.lastIndexOf('/') + 1));
            byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders((Integer) answer[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ConfigServiceSecrets secrets(Optional<String> token) {
        return new ConfigServiceSecrets(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                () -> token, Duration.ofSeconds(5));
    }

    @Test
    void aSecretIsReadWithTheServiceToken() {
        assertEquals(Optional.of("s3cret"), secrets(Optional.of("tok")).fetch(OWN, "plain.secret"));
        assertEquals(List.of("/api/config/service/executor-service/plain.secret"), paths);
        assertEquals(List.of("Bearer tok"), authorizations);
        assertEquals(Optional.empty(), secrets(Optional.of("tok")).fetch(OWN, "gone.secret"), "deleted meanwhile");
    }

    @Test
    void aMaskOrARefusalIsNotRetriedButAnOutageIs() {
        ConfigServiceSecrets secrets = secrets(Optional.of("tok"));
        SecretFetchException masked = assertThrows(SecretFetchException.class,
                () -> secrets.fetch(OWN, "masked.secret"));
        assertFalse(masked.retryable(), "a mask is never taken for the value");
        assertFalse(assertThrows(SecretFetchException.class, () -> secrets.fetch(OWN, "forbidden.secret"))
                .retryable());
        assertTrue(assertThrows(SecretFetchException.class, () -> secrets.fetch(OWN, "busy.secret")).retryable());
        assertFalse(assertThrows(SecretFetchException.class, () -> secrets(Optional.empty())
                .fetch(OWN, "plain.secret")).retryable(), "no token, no request");
        assertEquals(3, paths.size());
    }
}
