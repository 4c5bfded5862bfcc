package dev.tideflow.config;

import dev.tideflow.infra.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Calls on the config API shared by the integration tests. */
public final class ConfigApi {

    private ConfigApi() {
    }

    /** PUT {@code /api/config/<path>} as an admin. */
    public static ValidatableResponse put(String path, String value) {
        return as("admin").contentType(ContentType.JSON).body(Map.of("value", value))
                .put("/api/config/" + path).then();
    }

    /** PUT {@code /api/config/<path>} as an admin, marked secret. */
    public static ValidatableResponse putSecret(String path, String value) {
        return as("admin").contentType(ContentType.JSON).body(Map.of("value", value, "secret", true))
                .put("/api/config/" + path).then();
    }

    public static long putRevision(String path, String value) {
        return put(path, value).statusCode(200).extract().jsonPath().getLong("revision");
    }

    public static long deleteRevision(String path) {
        return as("admin").delete("/api/config/" + path).then().statusCode(200)
                .extract().jsonPath().getLong("revision");
    }

    public static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role));
    }

    /** A name no other test (or earlier run against the same database) uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The value of a counter on {@code /q/metrics}, 0 if it has not been registered. */
    public static double counter(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
