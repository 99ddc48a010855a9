package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;

/**
 * Creating twice by accident creates once: a client that sends the same referral again with the same
 * {@code Idempotency-Key} — twenty times at once here — gets one referral at the GP and one case at the municipality,
 * and every answer is the first one (201, the same Location and body) or, for a repeat the database stopped waiting
 * for, 409 (in use). The same key with another referral is refused (422). Runs on H2 and on PostgreSQL: the database,
 * not the JVM, keeps the key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdempotentCreateTest {

    private static final int REPEATS = 20;

    private TestNetwork network;
    private Chain chain;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
    }

    @AfterAll
    void stop() {
        network.close();
    }

    /** First, so that the municipality's only case is this referral's. */
    @Test
    @Order(1)
    void twentyIdenticalReferralsWithOneKeyAtOnceMakeOneReferralAndOneCase() {
        String key = "\"" + UUID.randomUUID() + "\"";
        String referral = Referrals.deVriesJson();
        long referralsBefore = count(Participants.GP, "referral");

        List<HttpResponse<String>> answers = IntStream.range(0, REPEATS)
                .mapToObj(i -> http.sendAsync(post(Participants.GP, "/api/v1/referrals", key, referral),
                        HttpResponse.BodyHandlers.ofString()))
                .toList().stream().map(CompletableFuture::join).toList();

        List<HttpResponse<String>> created = answers.stream().filter(a -> a.statusCode() == 201).toList();
        assertThat(created).as("answers created").isNotEmpty();
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 409) {
                assertThat(TestNetwork.JSON.readTree(answer.body()).path("type").asString())
                        .isEqualTo("https://bronsein.nl/problems/idempotency-key-in-use");
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                assertThat(answer.body()).isEqualTo(created.get(0).body());
                assertThat(answer.headers().firstValue("Location")).isEqualTo(created.get(0).headers().firstValue("Location"));
            }
        }
        System.out.printf("%d identical referrals with one key: %d answered 201, %d answered 409%n", REPEATS,
                created.size(), REPEATS - created.size());
        String id = TestNetwork.JSON.readTree(created.get(0).body()).path("id").asString();
        assertThat(count(Participants.GP, "referral")).isEqualTo(referralsBefore + 1);
        assertThat(count(Participants.GP, "outbox_entry where subject = '" + id + "'")).isOne();

        // downstream: the municipality made its one case of it, and no other
        chain.awaitCase(id);
        assertThat(count(Participants.MUNICIPALITY, "intake_case")).isEqualTo(1);

        // a repeat after the fact gets the first answer too
        HttpResponse<String> later = send(post(Participants.GP, "/api/v1/referrals", key, referral));
        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(later.body()).isEqualTo(created.get(0).body());
        assertThat(count(Participants.GP, "referral")).isEqualTo(referralsBefore + 1);
    }

    @Test
    void theSameKeyWithAnotherReferralIsRefused() {
        String key = UUID.randomUUID().toString();
        assertThat(send(post(Participants.GP, "/api/v1/referrals", key, Referrals.deVriesJson())).statusCode()).isEqualTo(201);
        long referrals = count(Participants.GP, "referral");

        HttpResponse<String> other = send(post(Participants.GP, "/api/v1/referrals", key,
                Referrals.deVriesJson(Participants.PROVIDER.urn, List.of("intake"))));

        assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = TestNetwork.JSON.readTree(other.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://bronsein.nl/problems/idempotency-key-reused");
        assertThat(count(Participants.GP, "referral")).isEqualTo(referrals);
    }

    @Test
    void aKeyIsTheStaffMembersOwnAndWithoutOneEveryRequestCreates() {
        String key = UUID.randomUUID().toString();
        String body = TestNetwork.JSON.writeValueAsString(java.util.Map.of("name", "Balie", "phone", "038-4981234"));
        long before = count(Participants.PROVIDER, "contact_point");

        HttpResponse<String> first = send(post(Participants.PROVIDER, "/api/v1/contact-points", key, body));
        HttpResponse<String> again = send(post(Participants.PROVIDER, "/api/v1/contact-points", key, body));
        HttpResponse<String> otherStaff = send(HttpRequest.newBuilder(staffUri(Participants.PROVIDER, "/api/v1/contact-points"))
                .header("Authorization", "Bearer " + network.staffIssuer.token("another-admin", Participants.PROVIDER.urn,
                        List.of("NODE_ADMIN"), Duration.ofMinutes(5)))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        network.staffPost(Participants.PROVIDER, "/api/v1/contact-points", body);
        network.staffPost(Participants.PROVIDER, "/api/v1/contact-points", body);

        assertThat(List.of(first.statusCode(), again.statusCode(), otherStaff.statusCode())).containsOnly(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(otherStaff.body()).isNotEqualTo(first.body());
        assertThat(count(Participants.PROVIDER, "contact_point")).isEqualTo(before + 4);
    }

    @Test
    void aKeyThatIsNoKeyIsRefusedNamingTheHeader() {
        for (String key : List.of("x".repeat(256), "\"\"", "a b")) {
            HttpResponse<String> refused = send(post(Participants.GP, "/api/v1/referrals", key, Referrals.deVriesJson()));
            assertThat(refused.statusCode()).as(key).isEqualTo(400);
            assertThat(TestNetwork.JSON.readTree(refused.body()).path("errors").get(0).path("field").asString())
                    .isEqualTo("Idempotency-Key");
        }
    }

    private HttpRequest post(Participants node, String path, String key, String json) {
        return HttpRequest.newBuilder(staffUri(node, path))
                .header("Authorization", "Bearer " + network.staffToken(node))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        return TestNetwork.send(http, request);
    }

    private URI staffUri(Participants node, String path) {
        return URI.create("http://127.0.0.1:" + network.staffPorts.get(node) + path);
    }

    private long count(Participants node, String tableAndCondition) {
        return network.database(node).sql("select count(*) from " + tableAndCondition).query(Long.class).single();
    }
}
