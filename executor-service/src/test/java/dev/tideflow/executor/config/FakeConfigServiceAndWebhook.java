package dev.tideflow.executor.config;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tideflow.infra.FreePorts;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One small HTTP server playing two parts: config-service's secret read
 * ({@code GET /api/config/service/executor-service/<key>}, only with the executor's service token) and the webhook
 * receivers ({@code POST /hooks/<name>}, recorded). As a test resource it only reserves the port and the token
 * (Quarkus may load a resource in another class loader than the test); the test starts the server with {@link #open}.
 */
public class FakeConfigServiceAndWebhook implements QuarkusTestResourceLifecycleManager {

    private static final String PORT = "tideflow.test.fake-config-service.port";
    private static final String TOKEN = "tideflow.test.fake-config-service.token";

    /** A request a webhook received. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final Map<String, String> secrets = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> secretReads = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String token;

    @Override
    public Map<String, String> start() {
        // The service token is signed with the test key, which exists once local-infra has started.
        new LocalInfraTestResource().start();
        System.setProperty(PORT, Integer.toString(FreePorts.find()));
        System.setProperty(TOKEN, TestTokens.forSubject("service:executor-service", "service"));
        return Map.of("tideflow.config-client.url", "http://127.0.0.1:" + System.getProperty(PORT),
                "tideflow.config-client.token", System.getProperty(TOKEN));
    }

    @Override
    public void stop() {
        // The server belongs to the test that opened it.
    }

    /** Starts the server on the reserved port; the test closes it. */
    static FakeConfigServiceAndWebhook open() {
        FakeConfigServiceAndWebhook fake = new FakeConfigServiceAndWebhook();
        fake.token = System.getProperty(TOKEN);
        try {
            fake.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(System.getProperty(PORT))), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fake.server.createContext("/api/config/", fake::secret);
        fake.server.createContext("/hooks/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            fake.received.add(new Received(exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        fake.server.start();
        return fake;
    }

    private void secret(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String key = path.substring(path.lastIndexOf('/') + 1);
        secretReads.add(path);
        int status;
        String body = "";
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
        } else if (!path.startsWith("/api/config/service/executor-service/") || !secrets.containsKey(key)) {
            status = 404;
        } else {
            status = 200;
            body = "{\"scope\":\"service/executor-service\",\"key\":\"" + key + "\",\"value\":\""
                    + secrets.get(key) + "\",\"revision\":1,\"secret\":true}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    String hook(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + name;
    }

    void close() {
        server.stop(0);
    }
}
