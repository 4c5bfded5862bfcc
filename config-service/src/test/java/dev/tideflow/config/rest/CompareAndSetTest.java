package dev.tideflow.config.rest;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.put;
import static dev.tideflow.config.ConfigApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class CompareAndSetTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aReadCarriesTheRevisionAsETagAndAWriteOverItSucceeds() {
        String service = unique("svc");
        String path = "/api/config/service/" + service + "/replicas.max";
        long written = put("service/" + service + "/replicas.max", "10").statusCode(200)
                .extract().jsonPath().getLong("revision");
        String etag = as("viewer").get(path).then().statusCode(200).extract().header("ETag");
        assertEquals("\"" + written + "\"", etag);

        ValidatableResponse updated = putIfMatch(path, "12", etag).statusCode(200);
        long next = updated.extract().jsonPath().getLong("revision");
        updated.header("ETag", "\"" + next + "\"");
        as("viewer").get(path).then().body("value", equalTo("12")).header("ETag", "\"" + next + "\"");
        putIfMatch(path, "13", "\"" + written + "\", \"" + next + "\"").statusCode(200);
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String service = unique("svc");
        String path = "/api/config/service/" + service + "/replicas.max";
        put("service/" + service + "/replicas.max", "10").statusCode(200);
        String stale = as("viewer").get(path).then().extract().header("ETag");
        // Someone else writes in between.
        long theirs = put("service/" + service + "/replicas.max", "20").statusCode(200)
                .extract().jsonPath().getLong("revision");

        putIfMatch(path, "11", stale).statusCode(412).contentType(PROBLEM)
                .body("status", equalTo(412))
                .body("detail", containsString("revision " + theirs));
        as("admin").header("If-Match", stale).delete(path).then().statusCode(412).contentType(PROBLEM);
        as("viewer").get(path).then().body("value", equalTo("20")).header("ETag", "\"" + theirs + "\"");

        // A weak tag never satisfies If-Match, even with the right revision.
        putIfMatch(path, "11", "W/\"" + theirs + "\"").statusCode(412);

        as("admin").header("If-Match", "\"" + theirs + "\"").delete(path).then().statusCode(200);
        as("viewer").get(path).then().statusCode(404);
    }

    @Test
    void ifMatchOnAMissingSettingFailsAndWithoutItWritesGoAhead() {
        String service = unique("svc");
        String path = "/api/config/service/" + service + "/new.key";
        putIfMatch(path, "x", "\"1\"").statusCode(412).contentType(PROBLEM)
                .body("detail", containsString("no setting 'new.key'"));
        putIfMatch(path, "x", "*").statusCode(412);
        as("admin").header("If-Match", "*").delete(path).then().statusCode(412);
        as("viewer").get(path).then().statusCode(404);

        put("service/" + service + "/new.key", "created").statusCode(200);
        putIfMatch(path, "updated", "*").statusCode(200);
        put("service/" + service + "/new.key", "blind").statusCode(200);
        as("viewer").get(path).then().body("value", equalTo("blind"));
    }

    private static ValidatableResponse putIfMatch(String path, String value, String etag) {
        return as("admin").contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("value", value))
                .put(path).then();
    }
}
