package nl.bronsein.replay;

import static nl.bronsein.replay.ReplayTestSupport.CASES;
import static nl.bronsein.replay.ReplayTestSupport.CODEC;
import static nl.bronsein.replay.ReplayTestSupport.GP;
import static nl.bronsein.replay.ReplayTestSupport.MUNICIPALITY;
import static nl.bronsein.replay.ReplayTestSupport.MUNICIPALITY_NODE;
import static nl.bronsein.replay.ReplayTestSupport.REFERRALS;
import static nl.bronsein.replay.ReplayTestSupport.headers;
import static nl.bronsein.replay.ReplayTestSupport.readAll;
import static nl.bronsein.replay.ReplayTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.replay.ReplayTestSupport.Run;
import nl.bronsein.replay.ReplayTestSupport.Sent;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;
import tools.jackson.databind.JsonNode;

/** Dump from one broker, publish into a fresh one, and as another source. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishTest {

    private static final String NEW_GP = "urn:nld:kvk:99999999";
    private static final String NEW_GP_NODE = "https://new-gp.example:8443";

    @TempDir
    static Path dir;

    private LocalKafkaBroker source;
    private LocalKafkaBroker target;
    private List<Sent> sent;

    @BeforeAll
    void start() throws Exception {
        source = ReplayTestSupport.startBroker(dir.resolve("source"));
        target = ReplayTestSupport.startBroker(dir.resolve("target"));
        ReplayTestSupport.createTopics(source, 2, REFERRALS, CASES);
        sent = ReplayTestSupport.fixture();
        ReplayTestSupport.produce(source, sent.stream().map(Sent::record).toList());
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void dumpPublishDumpGivesTheSameNotificationsOnAFreshBroker() throws Exception {
        Path file = dir.resolve("round-trip.jsonl");
        Run dumped = replay("dump", "--bootstrap-server", source.bootstrapServers(), "--topic", REFERRALS,
                "--topic", CASES, "--out", file.toString());
        assertThat(dumped.exit()).as(dumped.err()).isZero();
        List<String> fileLines = Files.readAllLines(file);
        assertThat(fileLines).hasSizeGreaterThanOrEqualTo(sent.size());

        Run published = replay("publish", "--bootstrap-server", target.bootstrapServers(), "--in", file.toString(),
                "--create-topics");
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.err()).contains("created topic " + CASES, "created topic " + REFERRALS)
                .endsWith("published " + fileLines.size() + " records" + System.lineSeparator());

        // the records themselves: per topic and key, the same headers and values in the same order
        for (String topic : List.of(REFERRALS, CASES)) {
            assertThat(byKey(readAll(target, topic))).isEqualTo(byKey(readAll(source, topic)));
        }

        // and what dump says about them
        Run again = replay("dump", "--bootstrap-server", target.bootstrapServers());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(attributesByKey(again.lines())).isEqualTo(attributesByKey(
                fileLines.stream().map(ReplayTestSupport.JSON::readTree).toList()));
    }

    @Test
    void publishesAsAnotherSourceWithASourceMap() throws Exception {
        Path file = dir.resolve("to-map.jsonl");
        Run dumped = replay("dump", "--bootstrap-server", source.bootstrapServers(), "--source", GP, "--out",
                file.toString());
        assertThat(dumped.exit()).as(dumped.err()).isZero();
        Run cases = replay("dump", "--bootstrap-server", source.bootstrapServers(), "--source", MUNICIPALITY,
                "--subject", ReplayTestSupport.CASE_2);
        Files.writeString(file, cases.out(), java.nio.file.StandardOpenOption.APPEND);
        int lines = Files.readAllLines(file).size();
        Path participants = dir.resolve("participants.json");
        Files.writeString(participants, """
                {"participants":[
                  {"id":"%s","role":"GP_PRACTICE","name":"De Linde","nodeUrl":"https://127.0.0.1:8443","certificateSha256":"aa"},
                  {"id":"%s","role":"GP_PRACTICE","name":"Nieuw","nodeUrl":"%s/","certificateSha256":"bb"},
                  {"id":"%s","role":"MUNICIPALITY","name":"Zwolle","nodeUrl":"%s","certificateSha256":"cc"}
                ]}
                """.formatted(GP, NEW_GP, NEW_GP_NODE, MUNICIPALITY, MUNICIPALITY_NODE));

        ReplayTestSupport.createTopics(source, 2, NotificationTopics.inbox("GP_PRACTICE", NEW_GP));
        Run published = replay("publish", "--bootstrap-server", source.bootstrapServers(), "--in", file.toString(),
                "--source-map", GP + "=" + NEW_GP, "--participant-list", participants.toString());
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.err()).isEqualTo("published " + lines + " records" + System.lineSeparator());

        Run mapped = replay("dump", "--bootstrap-server", source.bootstrapServers(), "--source", NEW_GP);
        assertThat(mapped.exit()).as(mapped.err()).isZero();
        List<JsonNode> referrals = mapped.lines();
        assertThat(referrals).hasSize(4);
        for (JsonNode line : referrals) {
            assertThat(line.path("topic").asString()).isEqualTo(REFERRALS);
            assertThat(line.path("dataref").asString()).isEqualTo(NEW_GP_NODE + "/network/v1/objects/referral/"
                    + line.path("subject").asString());
            assertThat(line.path("data").path("owner").asString()).isEqualTo(NEW_GP);
            assertThat(line.has("error")).isFalse();
            ObjectChanged body = CODEC.decode(Base64.getDecoder().decode(line.path("data_base64").asString()),
                    ObjectChanged.class);
            assertThat(body.getOwner()).isEqualTo(NEW_GP);
            assertThat(body.getObjectId()).isEqualTo(line.path("subject").asString());
        }

        // the municipality's case stays the municipality's, but now goes to the new GP's inbox
        Run case2 = replay("dump", "--bootstrap-server", source.bootstrapServers(), "--subject",
                ReplayTestSupport.CASE_2);
        List<JsonNode> caseLines = case2.lines();
        assertThat(caseLines).hasSizeGreaterThanOrEqualTo(2);
        JsonNode republished = caseLines.get(caseLines.size() - 1);
        JsonNode original = caseLines.get(0);
        assertThat(republished.path("source").asString()).isEqualTo(MUNICIPALITY);
        assertThat(republished.path("dataref").asString()).isEqualTo(original.path("dataref").asString());
        assertThat(republished.path("id").asString()).isEqualTo(original.path("id").asString());
        assertThat(original.path("topic").asString()).isEqualTo(CASES);
        assertThat(republished.path("topic").asString()).isEqualTo(NotificationTopics.inbox("GP_PRACTICE", NEW_GP));
        ObjectChanged body = CODEC.decode(Base64.getDecoder().decode(republished.path("data_base64").asString()),
                ObjectChanged.class);
        assertThat(body.getOwner()).isEqualTo(MUNICIPALITY);
    }

    /** Key to the (headers, value) of its records, in offset order. */
    private static Map<String, List<String>> byKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(headers(record) + " " + Base64.getEncoder().encodeToString(record.value()));
        }
        return byKey;
    }

    /** Topic and key to the lines without their position and record timestamp, in order. */
    private static Map<String, List<String>> attributesByKey(List<JsonNode> lines) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (JsonNode line : lines) {
            tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) line.deepCopy();
            copy.remove(List.of("partition", "offset", "timestamp"));
            byKey.computeIfAbsent(line.path("topic").asString() + "/" + line.path("key").asString(),
                    k -> new ArrayList<>()).add(copy.toString());
        }
        return byKey;
    }
}
