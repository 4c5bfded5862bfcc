package dev.tideflow.config.rest;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.put;
import static dev.tideflow.config.ConfigApi.putSecret;
import static dev.tideflow.config.ConfigApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class EffectiveTemplatesTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void theEffectiveViewResolvesTemplatesAcrossScopes() {
        String service = unique("svc");
        String environment = unique("env");
        String p = unique("tpl") + ".";
        put("global/" + p + "host", "db.global").statusCode(200);
        put("environment/" + environment + "/" + p + "host", "db." + environment).statusCode(200);
        put("service/" + service + "/" + p + "url", "postgresql://${" + p + "host}:${" + p + "port:5432}/app")
                .statusCode(200);

        as("viewer").queryParam("service", service).queryParam("environment", environment)
                .get("/api/config/effective").then().statusCode(200)
                .body("settings.'" + p + "url'.value", equalTo("postgresql://db." + environment + ":5432/app"))
                .body("settings.'" + p + "url'.template", equalTo("postgresql://${" + p + "host}:${" + p
                        + "port:5432}/app"))
                .body("settings.'" + p + "url'.unresolved", nullValue())
                .body("settings.'" + p + "host'.template", nullValue());
        as("viewer").queryParam("service", service).get("/api/config/effective").then().statusCode(200)
                .body("settings.'" + p + "url'.value", equalTo("postgresql://db.global:5432/app"));
        // The scope itself shows what was written.
        as("viewer").get("/api/config/service/{s}", service).then().statusCode(200)
                .body("settings.'" + p + "url'.value", containsString("${"));
    }

    @Test
    void aCycleIsRefusedAtWriteTime() {
        String p = unique("cyc") + ".";
        put("global/" + p + "a", "${" + p + "b}").statusCode(200);
        put("service/" + unique("svc") + "/" + p + "b", "x-${" + p + "c}").statusCode(200);

        put("environment/" + unique("env") + "/" + p + "c", "${" + p + "a}").statusCode(400)
                .contentType(PROBLEM)
                .body("errors", hasItem("template cycle: " + p + "c -> " + p + "a -> " + p + "b -> " + p + "c"));
        put("global/" + p + "self", "${" + p + "self}").statusCode(400).contentType(PROBLEM);
        put("global/" + p + "bad", "${Not A Key}").statusCode(400).contentType(PROBLEM)
                .body("errors[0]", containsString("does not name a setting key"));
        put("global/" + p + "c", "$${" + p + "a} is literal").statusCode(200);
    }

    @Test
    void aSecretIsNeverInterpolatedIntoAPlainValue() {
        String service = unique("svc");
        String p = unique("sec") + ".";
        putSecret("service/" + service + "/" + p + "password", "hunter2-" + service).statusCode(200);

        put("service/" + service + "/" + p + "dsn", "user:${" + p + "password}@db").statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0]", containsString("is a secret"));

        // Made secret after the reference was written: the reference stays unresolved.
        put("service/" + service + "/" + p + "token", "plain-token").statusCode(200);
        put("service/" + service + "/" + p + "header", "Bearer ${" + p + "token}").statusCode(200);
        putSecret("service/" + service + "/" + p + "token", "now-secret-" + service).statusCode(200);
        for (String role : new String[] {"viewer", "admin"}) {
            as(role).queryParam("service", service).get("/api/config/effective").then().statusCode(200)
                    .body("settings.'" + p + "header'.value", equalTo("Bearer ${" + p + "token}"))
                    .body("settings.'" + p + "header'.unresolved[0]", containsString("is a secret"))
                    .body(not(containsString("now-secret-" + service + "@")))
                    .body("settings.'" + p + "header'.value", not(containsString("now-secret")));
        }
    }
}
