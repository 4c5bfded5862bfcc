package dev.tideflow.infra;

import dev.tideflow.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfraTest {

    @Test
    void startsARealBrokerAndDatabaseAndLeavesNothingBehind() throws Exception {
        LocalInfra infra = LocalInfra.start();
        Set<ProcessHandle> children;
        try {
            children = ProcessHandle.current().descendants().collect(Collectors.toSet());
            assertFalse(children.isEmpty(), "broker and database run as child processes");

            Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infra.kafkaBootstrapServers());
            try (Admin client = Admin.create(admin)) {
                Map<String, TopicDescription> topics = client.describeTopics(
                        Topics.ALL.stream().map(Topics.TopicSpec::name).toList()).allTopicNames().get();
                assertEquals(Topics.TARGET_PARTITIONS, topics.get(Topics.METRICS).partitions().size());
                assertEquals(1, topics.get(Topics.CONFIG).partitions().size());
            }

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.METRICS, "demo/web", "hello")).get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "local-infra-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.METRICS));
                int seen = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen == 0 && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    seen += records.count();
                }
                assertEquals(1, seen, "a consumer group forms and reads the record back");
            }

            try (Connection db = DriverManager.getConnection(infra.jdbcUrl(), LocalInfra.USERNAME,
                    LocalInfra.PASSWORD); ResultSet rs = db.createStatement().executeQuery("select version()")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("PostgreSQL"), rs.getString(1));
            }
        } finally {
            infra.close();
        }
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "still running after close: " + child.info());
        }
        assertFalse(Files.exists(infra.workDir()), "the temporary directory is removed");
    }
}
