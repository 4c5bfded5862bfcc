package dev.tideflow.executor.messaging;

import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.contracts.Topics;
import dev.tideflow.executor.domain.ActionOutcome;
import dev.tideflow.executor.domain.ActionStatus;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.driver.ProcessDriver;
import dev.tideflow.executor.repository.ScalingActionRepository;
import dev.tideflow.executor.service.ActionLedger;
import dev.tideflow.executor.service.DriverRegistry;
import dev.tideflow.executor.service.ExecutorMetrics;
import dev.tideflow.executor.testing.Decisions;
import dev.tideflow.executor.testing.ReplicasOnlyDriver;
import dev.tideflow.executor.testing.Workloads;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class DecisionFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> scalingEvents;
    private static ConsumerTask<String, String> observations;
    private static ConsumerTask<String, String> deadLetters;

    @Inject
    DriverRegistry drivers;

    @Inject
    ExecutorMetrics metrics;

    @Inject
    ScalingActionRepository actions;

    @Inject
    ActionLedger ledger;

    private final List<Target> processTargets = new ArrayList<>();

    @BeforeAll
    static void listen() {
        kafka = new KafkaCompanion(LocalInfraTestResource.kafkaBootstrapServers());
        scalingEvents = consume(Topics.SCALING_EVENTS);
        observations = consume(Topics.REPLICAS);
        deadLetters = consume(Topics.DEAD_LETTERS);
    }

    private static ConsumerTask<String, String> consume(String topic) {
        return kafka.consumeStrings()
                .withGroupId("executor-test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic);
    }

    @AfterEach
    void stopReplicas() {
        ProcessDriver driver = processDriver();
        processTargets.forEach(target -> driver.scale(target, 0));
    }

    @AfterAll
    static void close() {
        // Whatever a failed test left running dies here rather than outliving the build.
        Workloads.killAll(Workloads.TEST_STATE_DIR);
        scalingEvents.close();
        observations.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void aDecisionStartsRealProcessesOnceEvenWhenRedelivered() {
        Target target = registerSleeper("web");
        String decisionId = Decisions.newId();

        send(target.id(), Decisions.json(decisionId, target.id(), 0, 2, false));

        await().atMost(WAIT).until(() -> replicasViaRest(target.id()) == 2);
        List<ProcessDriver.Replica> running = processDriver().replicas(target);
        assertEquals(2, running.size());
        running.forEach(r -> assertTrue(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false)));

        JsonPath audit = awaitAudit(target.id(), 1);
        assertEquals(decisionId, audit.getString("[0].decisionId"));
        assertEquals("SUCCEEDED", audit.getString("[0].status"));
        assertEquals("process", audit.getString("[0].driver"));
        assertEquals(0, audit.getInt("[0].replicasBefore"));
        assertEquals(2, audit.getInt("[0].replicasAfter"));
        assertFalse(audit.getBoolean("[0].dryRun"));
        assertNull(audit.get("[0].requested"), "a replicas-only decision asks for no requests");
        assertNull(audit.get("[0].requestsAfter"), "the process driver reports none until a decision sets them");
        await("a structured record in the logging core's file").atMost(WAIT).until(() ->
                StructuredLog.lines("target/tideflow-logs/executor-service.log").stream()
                        .anyMatch(line -> line.contains("decision executed") && line.contains(decisionId)
                                && line.contains("\"replicasAfter\":2")));

        ConsumerRecord<String, String> eventRecord = awaitRecord(scalingEvents, target.id(),
                value -> ContractCodec.decode(value, ScalingEvent.class).decisionId().equals(decisionId));
        ScalingEvent event = ContractCodec.decode(eventRecord.value(), ScalingEvent.class);
        assertEquals(ScalingEvent.Status.SUCCEEDED, event.status());
        assertEquals(0, event.replicasBefore());
        assertEquals(2, event.replicasAfter());
        assertFalse(eventRecord.value().contains("resources"), eventRecord.value());
        assertEquals("dev.tideflow.scaling-event.v1", header(eventRecord, "ce_type"));
        assertEquals("tideflow/executor-service", header(eventRecord, "ce_source"));

        ConsumerRecord<String, String> observed = awaitRecord(observations, target.id(),
                value -> ContractCodec.decode(value, ReplicaObservation.class).replicas() == 2);
        assertEquals("dev.tideflow.replica-observation.v1", header(observed, "ce_type"));

        // The same decision again, even claiming another count, must not scale a second time.
        double duplicates = metrics.duplicates();
        send(target.id(), Decisions.json(decisionId, target.id(), 0, 3, false));
        await().atMost(WAIT).until(() -> metrics.duplicates() > duplicates);

        assertEquals(running, processDriver().replicas(target));
        assertEquals(2, replicasViaRest(target.id()));
        JsonPath after = audit(target.id());
        assertEquals(1, after.getList("$").size());
        assertEquals(2, after.getInt("[0].desiredReplicas"));
        assertEquals(1, scalingEvents.getRecords().stream()
                .filter(r -> target.id().equals(r.key()))
                .filter(r -> r.value().contains(decisionId))
                .count());

        String prometheus = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(prometheus.contains("tideflow_executor_actions_total{status=\"SUCCEEDED\"}"), prometheus);
        assertTrue(prometheus.contains("tideflow_executor_decisions_duplicate_total"), prometheus);
        assertTrue(prometheus.contains(
                "tideflow_executor_driver_calls_seconds_count{driver=\"process\",outcome=\"success\"}"), prometheus);
    }

    @Test
    void aDryRunDecisionIsRecordedButNotApplied() {
        Target target = registerSleeper("dry");
        String decisionId = Decisions.newId();

        send(target.id(), Decisions.json(decisionId, target.id(), 0, 3, true));

        JsonPath audit = awaitAudit(target.id(), 1);
        assertEquals("DRY_RUN", audit.getString("[0].status"));
        assertTrue(audit.getBoolean("[0].dryRun"));
        assertEquals(3, audit.getInt("[0].desiredReplicas"));
        ScalingEvent event = ContractCodec.decode(awaitRecord(scalingEvents, target.id(),
                value -> value.contains(decisionId)).value(), ScalingEvent.class);
        assertEquals(ScalingEvent.Status.DRY_RUN, event.status());
        assertNull(event.replicasAfter());
        assertEquals(0, replicasViaRest(target.id()));
        assertFalse(Files.exists(Workloads.TEST_STATE_DIR.resolve("flow_" + target.name())),
                "no replica was ever started");
    }

    @Test
    void aDecisionForAnUnregisteredTargetGoesToTheDefaultDriver() throws Throwable {
        String target = "flow/unregistered-" + suffix();

        send(target, Decisions.json(Decisions.newId(), target, 1, 4, false));

        JsonPath audit = awaitAudit(target, 1);
        assertEquals("SUCCEEDED", audit.getString("[0].status"));
        assertEquals("dry-run", audit.getString("[0].driver"));
        assertEquals(4, audit.getInt("[0].replicasAfter"));
        given().header("Authorization", TestTokens.bearer("viewer")).get("/api/targets/" + target + "/replicas")
                .then().statusCode(200)
                .body("replicas", equalTo(4))
                .body("registered", equalTo(false))
                .body("driver", equalTo("dry-run"));
        // What a restarted executor seeds the dry-run driver with.
        Map<String, Integer> seed = VertxContextSupport.subscribeAndAwait(
                () -> actions.lastSucceededReplicas("dry-run"));
        assertEquals(4, seed.get(target));
    }

    @Test
    void aDriverFailureIsRecordedAndPublished() {
        String name = "broken-" + suffix();
        register(name, "{\"driver\": \"process\", \"command\": [\"/nonexistent/tideflow-workload\"]}");
        String target = "flow/" + name;
        String decisionId = Decisions.newId();

        send(target, Decisions.json(decisionId, target, 0, 1, false));

        JsonPath audit = awaitAudit(target, 1);
        assertEquals("FAILED", audit.getString("[0].status"));
        assertTrue(audit.getString("[0].error").contains("cannot start replica 1 of " + target),
                audit.getString("[0].error"));
        assertEquals(0, audit.getInt("[0].replicasAfter"));
        ScalingEvent event = ContractCodec.decode(awaitRecord(scalingEvents, target,
                value -> value.contains(decisionId)).value(), ScalingEvent.class);
        assertEquals(ScalingEvent.Status.FAILED, event.status());
    }

    @Test
    void aMalformedDecisionIsDeadLetteredWithItsReason() {
        String key = "flow/malformed-" + suffix();

        send(key, "{\"v\": 1, \"decisionId\": \"" + Decisions.newId() + "\", \"target\": \"" + key + "\"}");

        ConsumerRecord<String, String> dead = awaitRecord(deadLetters, key, value -> true);
        String reason = header(dead, "dead-letter-reason");
        assertTrue(reason.contains("'desiredReplicas' is required"), reason);
        assertEquals(Topics.DECISIONS, header(dead, "dead-letter-topic"));
        JsonPath audit = audit(key);
        assertEquals(0, audit.getList("$").size());
    }

    @Test
    void aDecisionLeftPendingByACrashIsAppliedWhenRedelivered() throws Throwable {
        Target target = registerSleeper("resumed");
        String decisionId = Decisions.newId();
        String json = Decisions.json(decisionId, target.id(), 0, 1, false);
        // What a crash between claiming the decision and finishing the platform call leaves behind.
        VertxContextSupport.subscribeAndAwait(
                () -> ledger.claim(ContractCodec.decode(json, ScalingDecision.class), Instant.now()));

        send(target.id(), json);

        JsonPath audit = awaitAudit(target.id(), 1);
        assertEquals("SUCCEEDED", audit.getString("[0].status"));
        assertEquals(1, audit.getInt("[0].replicasAfter"));
        assertEquals(1, processDriver().currentReplicas(target));
        awaitRecord(scalingEvents, target.id(), value -> value.contains(decisionId));
    }

    @Test
    void anOutcomeStoredButNeverPublishedIsPublishedWithoutApplyingAgain() throws Throwable {
        Target target = registerSleeper("unpublished");
        String decisionId = Decisions.newId();
        String json = Decisions.json(decisionId, target.id(), 0, 2, false);
        // What a crash between storing the outcome and the broker's acknowledgement leaves behind.
        Instant finished = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> ledger
                .claim(ContractCodec.decode(json, ScalingDecision.class), finished)
                .chain(claim -> ledger.complete(claim.action().id, new ActionOutcome(ActionStatus.SUCCEEDED,
                        0, 2, null, finished, finished, 5))));

        send(target.id(), json);

        ScalingEvent event = ContractCodec.decode(awaitRecord(scalingEvents, target.id(),
                value -> value.contains(decisionId)).value(), ScalingEvent.class);
        assertEquals(ScalingEvent.Status.SUCCEEDED, event.status());
        assertEquals(2, event.replicasAfter());
        assertEquals(0, processDriver().currentReplicas(target), "the decision was not applied a second time");
        assertEquals(1, audit(target.id()).getList("$").size());
    }

    @Test
    void theObserverReportsAReplicaThatDied() {
        Target target = registerSleeper("observed");
        send(target.id(), Decisions.json(Decisions.newId(), target.id(), 0, 2, false));
        await().atMost(WAIT).until(() -> processDriver().currentReplicas(target) == 2);
        int before = observationsOf(target.id()).size();

        ProcessDriver.Replica victim = processDriver().replicas(target).get(0);
        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();

        await().atMost(WAIT).until(() -> observationsOf(target.id()).stream().skip(before)
                .anyMatch(o -> o.replicas() == 1));
        assertEquals(1, replicasViaRest(target.id()));
    }

    @Test
    void theDryRunDriverRecordsTheRequestsOfEachDecision() throws Throwable {
        String target = "flow/vertical-" + suffix();
        String first = Decisions.newId();

        send(target, Decisions.json(first, target, 0, 0, false, ResourceRequests.of(750, null)));

        JsonPath audit = awaitAudit(target, 1);
        assertEquals("SUCCEEDED", audit.getString("[0].status"));
        assertEquals("dry-run", audit.getString("[0].driver"));
        assertEquals(Map.of("cpuMillis", 750), audit.getMap("[0].requested"));
        assertNull(audit.get("[0].requestsBefore"));
        assertEquals(Map.of("cpuMillis", 750), audit.getMap("[0].requestsAfter"));
        ScalingEvent event = ContractCodec.decode(awaitRecord(scalingEvents, target,
                value -> value.contains(first)).value(), ScalingEvent.class);
        assertNull(event.resourcesBefore());
        assertEquals(ResourceRequests.of(750, null), event.resourcesAfter());

        String second = Decisions.newId();
        send(target, Decisions.json(second, target, 0, 2, false, ResourceRequests.of(null, 512)));

        audit = awaitAudit(target, 2);
        assertEquals(Map.of("cpuMillis", 750), audit.getMap("[0].requestsBefore"));
        assertEquals(Map.of("cpuMillis", 750, "memoryMiB", 512), audit.getMap("[0].requestsAfter"));
        assertEquals(2, audit.getInt("[0].replicasAfter"));
        given().header("Authorization", TestTokens.bearer("viewer")).get("/api/targets/" + target + "/replicas")
                .then().statusCode(200)
                .body("replicas", equalTo(2))
                .body("requests.cpuMillis", equalTo(750))
                .body("requests.memoryMiB", equalTo(512));
        event = ContractCodec.decode(awaitRecord(scalingEvents, target, value -> value.contains(second)).value(),
                ScalingEvent.class);
        assertEquals(ResourceRequests.of(750, null), event.resourcesBefore());
        assertEquals(ResourceRequests.of(750, 512), event.resourcesAfter());
        // What a restarted executor seeds the dry-run driver with.
        Map<String, ResourceRequests> seed = VertxContextSupport.subscribeAndAwait(
                () -> actions.lastSucceededRequests("dry-run"));
        assertEquals(ResourceRequests.of(750, 512), seed.get(target));
    }

    @Test
    void aDecisionWithRequestsAndReplicasRollsTheProcessesThenScalesOnce() {
        String name = "rolled-" + suffix();
        register(name, "{\"driver\": \"process\", \"command\": [\"sh\", \"-c\", "
                + "\"echo cpu=$TIDEFLOW_CPU_REQUEST_MILLIS memory=$TIDEFLOW_MEMORY_REQUEST_MIB; exec sleep 300\"]}");
        Target target = new Target("flow", name, ProcessDriver.NAME, List.of(), null);
        processTargets.add(target);
        send(target.id(), Decisions.json(Decisions.newId(), target.id(), 0, 2, false));
        await().atMost(WAIT).until(() -> processDriver().currentReplicas(target) == 2);
        Set<Long> oldPids = pids(target);
        awaitAudit(target.id(), 1);
        String decisionId = Decisions.newId();

        send(target.id(), Decisions.json(decisionId, target.id(), 2, 3, false, ResourceRequests.of(500, 256)));

        JsonPath audit = awaitAudit(target.id(), 2);
        assertEquals(decisionId, audit.getString("[0].decisionId"));
        assertEquals("SUCCEEDED", audit.getString("[0].status"), audit.getString("[0].error"));
        assertEquals(2, audit.getInt("[0].replicasBefore"));
        assertEquals(3, audit.getInt("[0].replicasAfter"));
        assertEquals(Map.of("cpuMillis", 500, "memoryMiB", 256), audit.getMap("[0].requested"));
        assertNull(audit.get("[0].requestsBefore"));
        assertEquals(Map.of("cpuMillis", 500, "memoryMiB", 256), audit.getMap("[0].requestsAfter"));
        List<ProcessDriver.Replica> running = processDriver().replicas(target);
        assertEquals(3, running.size());
        running.forEach(r -> assertEquals(ResourceRequests.of(500, 256), r.requests()));
        assertTrue(running.stream().noneMatch(r -> oldPids.contains(r.pid())), "both old replicas were replaced");
        Path dir = Workloads.TEST_STATE_DIR.resolve("flow_" + name);
        await().atMost(WAIT).until(() -> running.stream().allMatch(r ->
                lastLine(dir.resolve("replica-" + r.index() + ".log")).equals("cpu=500 memory=256")));
        ScalingEvent event = ContractCodec.decode(awaitRecord(scalingEvents, target.id(),
                value -> value.contains(decisionId)).value(), ScalingEvent.class);
        assertEquals(ScalingEvent.Status.SUCCEEDED, event.status());
        assertNull(event.resourcesBefore());
        assertEquals(ResourceRequests.of(500, 256), event.resourcesAfter());
        await("the requests in the structured record").atMost(WAIT).until(() ->
                StructuredLog.lines("target/tideflow-logs/executor-service.log").stream()
                        .anyMatch(line -> line.contains("decision executed") && line.contains(decisionId)
                                && line.contains("\"requestedCpuMillis\":500")
                                && line.contains("\"memoryMiBAfter\":256")));

        double duplicates = metrics.duplicates();
        send(target.id(), Decisions.json(decisionId, target.id(), 2, 3, false, ResourceRequests.of(900, 256)));
        await().atMost(WAIT).until(() -> metrics.duplicates() > duplicates);

        assertEquals(running, processDriver().replicas(target), "a redelivered decision rolls nothing");
        assertEquals(ResourceRequests.of(500, 256), processDriver().currentRequests(target));
        assertEquals(2, audit(target.id()).getList("$").size());
    }

    @Test
    void aDriverThatCannotSetRequestsFailsTheDecisionSayingWhatItApplied() {
        String name = "no-requests-" + suffix();
        register(name, "{\"driver\": \"" + ReplicasOnlyDriver.NAME + "\"}");
        String target = "flow/" + name;
        String decisionId = Decisions.newId();

        send(target, Decisions.json(decisionId, target, 1, 2, false, ResourceRequests.of(750, null)));

        JsonPath audit = awaitAudit(target, 1);
        assertEquals("FAILED", audit.getString("[0].status"));
        assertEquals("driver 'replicas-only' cannot set resource requests: requests cpu=750m were not applied; "
                + "replicas 0 → 2 applied", audit.getString("[0].error"));
        assertEquals(2, audit.getInt("[0].replicasAfter"));
        assertEquals(Map.of("cpuMillis", 750), audit.getMap("[0].requested"));
        assertNull(audit.get("[0].requestsAfter"));
        ScalingEvent event = ContractCodec.decode(awaitRecord(scalingEvents, target,
                value -> value.contains(decisionId)).value(), ScalingEvent.class);
        assertEquals(ScalingEvent.Status.FAILED, event.status());
        assertEquals(audit.getString("[0].error"), event.error());
        assertNull(event.resourcesAfter());
        given().header("Authorization", TestTokens.bearer("viewer")).get("/api/targets/" + target + "/replicas")
                .then().statusCode(200)
                .body("replicas", equalTo(2))
                .body("requests", nullValue());
    }

    private Set<Long> pids(Target target) {
        return Set.copyOf(processDriver().replicas(target).stream().map(ProcessDriver.Replica::pid).toList());
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Target registerSleeper(String prefix) {
        String name = prefix + "-" + suffix();
        register(name, "{\"driver\": \"process\", \"command\": [\"sleep\", \"300\"]}");
        Target target = new Target("flow", name, ProcessDriver.NAME, List.of("sleep", "300"), null);
        processTargets.add(target);
        return target;
    }

    private static void register(String name, String body) {
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON).body(body)
                .put("/api/targets/flow/" + name)
                .then().statusCode(201);
    }

    private ProcessDriver processDriver() {
        return (ProcessDriver) drivers.require(ProcessDriver.NAME);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void send(String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.DECISIONS, key, value)).awaitCompletion();
    }

    private static int replicasViaRest(String target) {
        return given().header("Authorization", TestTokens.bearer("viewer"))
                .get("/api/targets/" + target + "/replicas")
                .then().statusCode(200)
                .extract().path("replicas");
    }

    private static JsonPath audit(String target) {
        return given().header("Authorization", TestTokens.bearer("viewer")).queryParam("target", target)
                .get("/api/events")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** Waits until the audit of {@code target} holds {@code count} finished actions. */
    private static JsonPath awaitAudit(String target, int count) {
        return await().atMost(WAIT).until(() -> audit(target),
                audit -> audit.getList("status").size() == count && !audit.getList("status").contains("PENDING"));
    }

    private static ConsumerRecord<String, String> awaitRecord(ConsumerTask<String, String> task, String key,
            Predicate<String> matches) {
        return await().atMost(WAIT).until(() -> task.getRecords().stream()
                .filter(r -> key.equals(r.key()))
                .filter(r -> matches.test(r.value()))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static List<ReplicaObservation> observationsOf(String target) {
        return observations.getRecords().stream()
                .filter(r -> target.equals(r.key()))
                .map(r -> ContractCodec.decode(r.value(), ReplicaObservation.class))
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
