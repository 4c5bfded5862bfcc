package dev.tideflow.config.messaging;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.configclient.ConfigApplier;
import dev.tideflow.configclient.ConfigState;
import dev.tideflow.configclient.ConfigUpdate;
import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static dev.tideflow.config.ConfigApi.as;
import static dev.tideflow.config.ConfigApi.deleteRevision;
import static dev.tideflow.config.ConfigApi.putRevision;
import static dev.tideflow.config.ConfigApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real client applier fed from the real topic misses three revisions (records dropped, as when a follower is
 * stopped and its position lost), notices the gap at the next record, resyncs from the beginning of the topic, and
 * ends with exactly what the service says the settings are.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class MissedRecordsTest {

    @Test
    void aClientThatMissedRevisionsDetectsTheGapAndResyncsToExactlyTheRightState() {
        String svc = unique("svc");
        String env = unique("env");
        String p = unique("gap") + ".";
        long first = changeSet(List.of(
                Map.of("scope", "global", "key", p + "a", "value", "1"),
                Map.of("scope", "environment/" + env, "key", p + "b", "value", "1"),
                Map.of("scope", "service/" + svc, "key", p + "c", "value", "1")));

        List<ConfigUpdate> updates = new ArrayList<>();
        ConfigApplier client = new ConfigApplier(() -> new ConfigState(svc, env, null), updates::add);
        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            topic.awaitThrough(revisionAtLeast(first)).forEach(r -> client.offer(r.value()));
        }
        client.loaded();
        assertEquals(Optional.of("1"), client.effective(p + "c"));

        long second = putRevision("global/" + p + "a", "2");
        long missedFrom = changeSet(List.of(
                Map.of("scope", "environment/" + env, "key", p + "b", "value", "2"),
                Map.of("scope", "service/" + svc, "key", p + "c", "delete", true),
                Map.of("scope", "service/" + svc, "key", p + "d", "value", "4")));
        putRevision("environment/" + env + "/" + p + "a", "3");
        long missedTo = deleteRevision("environment/" + env + "/" + p + "b");
        long last = putRevision("service/" + svc + "/" + p + "e", "5");
        assertEquals(second + 1, missedFrom);

        List<ConfigApplier.Result> results = new ArrayList<>();
        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            for (ConsumerRecord<String, String> record : topic.awaitThrough(revisionAtLeast(last))) {
                long revision = revision(record);
                if (revision <= first || revision >= missedFrom && revision <= missedTo) {
                    continue;
                }
                ConfigApplier.Result result = client.offer(record.value());
                results.add(result);
                if (result == ConfigApplier.Result.GAP) {
                    break;
                }
            }
        }
        assertEquals(List.of(ConfigApplier.Result.APPLIED, ConfigApplier.Result.GAP), results);
        assertEquals(Optional.of("2"), client.effective(p + "a"), "nothing of the revision after the gap applied");

        client.beginResync();
        try (ConfigTopicReader topic = new ConfigTopicReader()) {
            topic.awaitThrough(revisionAtLeast(last)).forEach(r -> client.offer(r.value()));
        }
        client.endResync();

        ConfigUpdate resync = updates.get(updates.size() - 1);
        assertTrue(resync.resync());
        assertEquals(Set.of(p + "a", p + "b", p + "c", p + "d", p + "e"), resync.changedKeys());
        assertEquals(last, client.revision());
        JsonPath effective = as("viewer").get("/api/config/effective?service=" + svc + "&environment=" + env)
                .then().statusCode(200).extract().jsonPath();
        for (String key : List.of("a", "b", "c", "d", "e")) {
            String expected = effective.getString("settings['" + p + key + "'].value");
            assertEquals(Optional.ofNullable(expected), client.effective(p + key), key);
        }
        assertEquals(Optional.of("3"), client.effective(p + "a"));
        assertEquals(Optional.empty(), client.effective(p + "c"));
    }

    private static Predicate<ConsumerRecord<String, String>> revisionAtLeast(long revision) {
        return record -> record.value() != null && revision(record) >= revision;
    }

    private static long revision(ConsumerRecord<String, String> record) {
        try {
            return ContractCodec.decode(record.value(), ConfigChange.class).revision();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long changeSet(List<Map<String, ?>> changes) {
        return as("admin").contentType(ContentType.JSON).body(Map.of("changes", changes))
                .post("/api/config/changesets").then().statusCode(200).extract().jsonPath().getLong("revision");
    }
}
