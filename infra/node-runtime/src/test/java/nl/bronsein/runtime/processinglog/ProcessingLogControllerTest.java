package nl.bronsein.runtime.processinglog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import nl.bronsein.runtime.BothDatabases;
import nl.bronsein.runtime.MovableClock;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.audit.ProcessingRecordLine;
import nl.bronsein.runtime.audit.ProcessingRecords;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.web.ProblemResponses;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The privacy officer's search and export over MockMvc, on H2 and PostgreSQL: each criterion finds exactly its records,
 * pages are stable, invalid criteria are refused as problem+json naming the field and leave the log as it was, every
 * read is itself a record written before the answer, and an export's header and lines give back the records and their
 * place in the chain. Roles are the staff door's (StaffAccessTest in the network tests).
 */
class ProcessingLogControllerTest {

    /** Where nothing precedes the range: the chain's start, as the verifier reads it. */
    private static final String START_HEADER = "{\"chain_before\":{\"seq\":0,\"hash\":\"" + "0".repeat(64) + "\"}}";

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final String DE_VRIES = "999993653";
    private static final String JANSEN = "999990019";
    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    private static final String PROVIDER = "urn:nld:kvk:87654321";
    /** As a node reads bodies: an unknown field is refused (RuntimeDefaults). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    static Stream<DataSource> databases() {
        return BOTH.dataSources("processing-log", "audit_record", "audit_chain_checkpoint");
    }

    @AfterEach
    void forgetTheOfficer() {
        SecurityContextHolder.clearContext();
    }

    /** The node's log with the controller in front of it, read by officer {@code officer-1}. */
    private static final class Node {

        final JdbcClient jdbc;
        final MovableClock clock = new MovableClock(START);
        final AuditTrail audit;
        final MockMvc mvc;

        Node(DataSource db) {
            jdbc = JdbcClient.create(db);
            audit = AuditTrail.withoutTracing(jdbc, clock);
            mvc = MockMvcBuilders.standaloneSetup(new ProcessingLogController(new ProcessingLogReading(new ProcessingRecords(jdbc), audit,
                    new StaffAudit(audit, new org.springframework.beans.factory.support.StaticListableBeanFactory()
                            .getBeanProvider(nl.bronsein.runtime.pull.SharedObjectSource.class)), JSON))).setControllerAdvice(new ProblemResponses())
                    .setMessageConverters(new JacksonJsonHttpMessageConverter(JSON)).build();
            Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("officer-1").build();
            SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token,
                    List.of(new SimpleGrantedAuthority("ROLE_PRIVACY_OFFICER"))));
        }

        /** A pull answered, a minute after the record before. */
        void pull(String caller, String purpose, String bsn) {
            clock.advance(Duration.ofMinutes(1));
            audit.record(new Processing(Processing.PULL, caller, "referral", "r-" + Integer.toHexString(bsn.hashCode()), purpose, AuditOutcome.ALLOWED,
                    null, 200, Optional.of(bsn), clock.instant()));
        }

        /** Seals every record not yet sealed, in the order written, as the node's sealer does. */
        void seal() {
            long seq = jdbc.sql("select coalesce(max(chain_seq), 0) from audit_record").query(Long.class).single();
            for (Long id : jdbc.sql("select id from audit_record where chain_seq is null order by id").query(Long.class).list()) {
                seq++;
                jdbc.sql("update audit_record set chain_seq = :seq, chain_hash = :hash where id = :id").param("seq", seq)
                        .param("hash", String.format("%064x", seq * 7919)).param("id", id).update();
            }
        }

        MvcResult call(String path, String body) throws Exception {
            return mvc.perform(post("/api/v1/processing-records/" + path).contentType(MediaType.APPLICATION_JSON)
                    .content(body)).andReturn();
        }

        JsonNode search(String body) throws Exception {
            MvcResult result = call("search", body);
            assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
            return JSON.readTree(result.getResponse().getContentAsString());
        }

        List<AuditRecord> all() {
            return audit.all();
        }

        AuditRecord last() {
            List<AuditRecord> all = all();
            return all.get(all.size() - 1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachCriterionFindsExactlyItsRecords(DataSource db) throws Exception {
        Node node = new Node(db);
        node.pull(MUNICIPALITY, "intake", DE_VRIES);
        node.pull(PROVIDER, "care-delivery", DE_VRIES);
        Instant afterTwo = node.clock.instant().plusSeconds(1);
        node.pull(MUNICIPALITY, "intake", JANSEN);
        node.pull(PROVIDER, "care-delivery", JANSEN);

        // by citizen: De Vries's two pulls, and this search itself, which names her
        JsonNode deVries = node.search("{\"bsn\": \"" + DE_VRIES + "\"}");
        String pseudonym = node.audit.subjectOf(DE_VRIES);
        assertThat(names(deVries)).containsExactly("pull", "pull", Processing.LOG_READ);
        assertThat(deVries.path("records").valueStream()
                .map(r -> r.path("attributes").path(ProcessingRecordLine.SUBJECT).asString())).containsOnly(pseudonym);
        assertThat(deVries.path("more").asBoolean()).isFalse();

        // by party, purpose and time, each alone and together
        assertThat(parties(node.search("{\"party\": \"" + PROVIDER + "\"}"))).containsExactly(PROVIDER, PROVIDER);
        assertThat(subjects(node.search("{\"purpose\": \"intake\"}"))).containsExactly(pseudonym,
                node.audit.subjectOf(JANSEN));
        assertThat(subjects(node.search("{\"party\": \"" + MUNICIPALITY + "\", \"from\": \"" + afterTwo + "\"}")))
                .containsExactly(node.audit.subjectOf(JANSEN));
        assertThat(subjects(node.search("{\"to\": \"" + afterTwo + "\", \"purpose\": \"care-delivery\"}")))
                .containsExactly(pseudonym);
        // nobody else's records, and no BSN anywhere in an answer
        String answer = node.call("search", "{\"bsn\": \"" + JANSEN + "\", \"party\": \"" + PROVIDER + "\"}")
                .getResponse().getContentAsString();
        assertThat(subjects(JSON.readTree(answer))).containsExactly(node.audit.subjectOf(JANSEN));
        assertThat(answer).doesNotContain(JANSEN).doesNotContain(DE_VRIES);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagesAreStableAndSayWhetherThereIsMore(DataSource db) throws Exception {
        Node node = new Node(db);
        for (int i = 0; i < 5; i++) {
            node.pull(MUNICIPALITY, "intake", i % 2 == 0 ? DE_VRIES : JANSEN);
        }
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode answer = node.search("{\"party\": \"" + MUNICIPALITY + "\", \"page\": " + page + ", \"size\": 2}");
            assertThat(answer.path("page").asInt()).isEqualTo(page);
            assertThat(answer.path("size").asInt()).isEqualTo(2);
            assertThat(answer.path("more").asBoolean()).as("more after page " + page).isEqualTo(page < 2);
            answer.path("records").forEach(r -> seen.add(r.path("span_id").asString()));
        }
        // each record once, in the order written, although every search wrote a record of its own meanwhile
        assertThat(seen).containsExactlyElementsOf(node.all().stream().filter(r -> MUNICIPALITY.equals(r.caller()))
                .map(AuditRecord::spanId).toList());
        assertThat(node.search("{\"party\": \"" + MUNICIPALITY + "\", \"page\": 3, \"size\": 2}").path("records"))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyReadIsRecordedBeforeTheAnswerWithWhoReadAndTheCitizenLookedUp(DataSource db) throws Exception {
        Node node = new Node(db);
        node.pull(MUNICIPALITY, "intake", DE_VRIES);

        JsonNode answer = node.search("{\"bsn\": \"" + DE_VRIES + "\", \"purpose\": \"intake\"}");

        AuditRecord read = node.last();
        assertThat(read.name()).isEqualTo(Processing.LOG_READ);
        assertThat(read.caller()).isEqualTo("staff:officer-1");
        assertThat(read.purpose()).isEqualTo("staff:PRIVACY_OFFICER");
        assertThat(read.subject()).isEqualTo(node.audit.subjectOf(DE_VRIES));
        assertThat(read.subjectType()).isEqualTo("BSN");
        assertThat(read.reason()).isEqualTo("search by subject, purpose; page 0 of 50").doesNotContain(DE_VRIES);
        assertThat(read.activity()).isEqualTo("urn:bronsein:processing-activity:processing-log-read");
        assertThat(read.statusCode()).isEqualTo("OK");
        // written before the answer: a search for her finds the read before it, and itself
        assertThat(names(node.search("{\"bsn\": \"" + DE_VRIES + "\"}"))).containsExactly("pull", Processing.LOG_READ,
                Processing.LOG_READ);
        assertThat(answer.path("records")).hasSize(1);

        // a search naming no citizen, and an export, are recorded without a subject
        node.search("{\"party\": \"" + MUNICIPALITY + "\"}");
        assertThat(node.last().subject()).isNull();
        assertThat(node.last().reason()).isEqualTo("search by party; page 0 of 50");
        node.call("export", "{\"from\": \"2026-03-02T00:00:00Z\"}");
        assertThat(node.last().name()).isEqualTo(Processing.LOG_READ);
        assertThat(node.last().reason()).isEqualTo("export from 2026-03-02T00:00:00Z");
        assertThat(node.last().subject()).isNull();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invalidCriteriaAreRefusedNamingTheFieldAndChangeNothing(DataSource db) throws Exception {
        Node node = new Node(db);
        node.pull(MUNICIPALITY, "intake", DE_VRIES);
        List<AuditRecord> before = node.all();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"bsn\": \"999993654\"}", "bsn");
        refused.put("{\"bsn\": \"12345678\"}", "bsn");
        refused.put("{\"bsn\": \"000000000\"}", "bsn");
        refused.put("{\"party\": \"" + "p".repeat(201) + "\"}", "party");
        refused.put("{\"purpose\": \"\"}", "purpose");
        refused.put("{\"size\": 0}", "size");
        refused.put("{\"size\": 501}", "size");
        refused.put("{\"page\": -1}", "page");
        refused.put("{\"page\": 1000001}", "page");
        refused.put("{\"from\": \"2026-03-03T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}", "to");
        refused.put("{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}", "to");
        refused.put("{\"from\": \"-999999999-01-01T00:00:00Z\"}", "from");
        refused.put("{\"to\": \"+10000-01-01T00:00:00Z\"}", "to");
        refused.put("{\"from\": \"yesterday\"}", "from");
        refused.put("{\"subject\": \"" + DE_VRIES + "\"}", "subject");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            for (String path : List.of("search", "export")) {
                if (path.equals("export") && !body.getKey().matches("\\{(\"(from|to)\": \"[^\"]*\"(, )?)+}")) {
                    continue;
                }
                MvcResult result = node.call(path, body.getKey());
                assertThat(result.getResponse().getStatus()).as(path + " " + body.getKey()).isEqualTo(400);
                assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
                JsonNode problem = JSON.readTree(result.getResponse().getContentAsString());
                assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                        .as(path + " " + body.getKey()).containsExactly(body.getValue());
                assertThat(result.getResponse().getContentAsString()).doesNotContain(DE_VRIES);
            }
        }
        // an export is a whole range of the chain: no filter that would leave gaps in it
        for (String filter : List.of("{\"bsn\": \"" + DE_VRIES + "\"}", "{\"party\": \"x\"}", "{\"purpose\": \"intake\"}")) {
            MvcResult result = node.call("export", filter);
            assertThat(result.getResponse().getStatus()).as(filter).isEqualTo(400);
            assertThat(result.getResponse().getContentAsString()).doesNotContain(DE_VRIES);
        }
        node.mvc.perform(post("/api/v1/processing-records/search").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest()).andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("$"));
        assertThat(node.all()).as("refused reads are no reads: not recorded").isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anExportIsTheChainBeforeItThenItsSealedRecordsInChainOrder(DataSource db) throws Exception {
        Node node = new Node(db);
        node.pull(MUNICIPALITY, "intake", DE_VRIES);
        node.pull(PROVIDER, "care-delivery", DE_VRIES);
        Instant from = node.clock.instant().plusSeconds(1);
        node.pull(MUNICIPALITY, "intake", JANSEN);
        node.pull(PROVIDER, "care-delivery", JANSEN);
        Instant to = node.clock.instant().plusSeconds(1);
        node.pull(MUNICIPALITY, "intake", DE_VRIES);
        node.seal();
        // written after the seal: not in the chain yet, so in no export
        node.pull(PROVIDER, "care-delivery", DE_VRIES);
        List<AuditRecord> sealed = node.all().stream().filter(r -> r.chainSeq() != null).toList();
        assertThat(sealed).hasSize(5);

        List<String> lines = export(node, "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");

        JsonNode header = JSON.readTree(lines.get(0));
        assertThat(header.propertyNames()).containsExactly("chain_before");
        assertThat(header.path("chain_before").path("seq").asLong()).isEqualTo(sealed.get(1).chainSeq());
        assertThat(header.path("chain_before").path("hash").asString()).isEqualTo(sealed.get(1).chainHash());
        assertThat(records(lines)).containsExactly(sealed.get(2), sealed.get(3));

        // the whole log: from the start of the chain, so nothing before it; the export's own read record and the
        // last pull are not sealed, so left out
        List<String> whole = export(node, "{}");
        assertThat(whole.get(0)).isEqualTo(START_HEADER);
        assertThat(records(whole)).containsExactlyElementsOf(sealed);

        // nothing in the range: the header alone
        assertThat(export(node, "{\"from\": \"2030-01-01T00:00:00Z\"}")).containsExactly(START_HEADER);

        // retention removed the first two records and left its checkpoint: the export starts from that
        node.jdbc.sql("delete from audit_record where chain_seq <= :seq").param("seq", sealed.get(1).chainSeq()).update();
        node.jdbc.sql("insert into audit_chain_checkpoint (chain_seq, chain_hash, removed, created_at)"
                        + " values (:seq, :hash, 2, :at)").param("seq", sealed.get(1).chainSeq())
                .param("hash", sealed.get(1).chainHash()).param("at", java.sql.Timestamp.from(to)).update();
        List<String> afterRetention = export(node, "{}");
        assertThat(JSON.readTree(afterRetention.get(0)).path("chain_before").path("seq").asLong())
                .isEqualTo(sealed.get(1).chainSeq());
        assertThat(records(afterRetention)).containsExactlyElementsOf(sealed.subList(2, 5));
    }

    private static List<String> export(Node node, String body) throws Exception {
        MvcResult result = node.call("export", body);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("application/x-ndjson");
        String text = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return List.of(text.split("\n"));
    }

    /** The lines after the header, back to the records they were made from. */
    private static List<AuditRecord> records(List<String> lines) {
        return lines.stream().skip(1).map(l -> JSON.readValue(l, ProcessingRecordLine.class).toRecord()).toList();
    }

    private static List<String> names(JsonNode page) {
        return page.path("records").valueStream().map(r -> r.path("name").asString()).toList();
    }

    private static List<String> parties(JsonNode page) {
        return page.path("records").valueStream().map(r -> r.path("attributes").path(ProcessingRecordLine.PARTY)
                .asString()).toList();
    }

    private static List<String> subjects(JsonNode page) {
        return page.path("records").valueStream().map(r -> r.path("attributes").path(ProcessingRecordLine.SUBJECT)
                .asString()).toList();
    }
}
