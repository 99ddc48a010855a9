package nl.bronsein.runtime.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.servlet.FilterChain;
import nl.bronsein.runtime.RuntimeTables;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Idempotency-Key filter on a real (H2) database: the operation behind it creates a row in its own table, in the
 * filter's transaction, and answers 201 with the row's id — or, for a body "bad", 400 after writing its row.
 */
class IdempotencyFilterTest {

    private static final JsonMapper JSON = new JsonMapper();

    private JdbcClient jdbc;
    private TransactionTemplate transactions;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private IdempotencyFilter filter;
    /** Holds the operation of the next request until counted down, if set. */
    private volatile CountDownLatch hold;
    private final CountDownLatch working = new CountDownLatch(1);

    @BeforeEach
    void start() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:idempotency-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        RuntimeTables.migrate(database);
        jdbc = JdbcClient.create(database);
        jdbc.sql("create table made (id uuid primary key)").update();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        filter = new IdempotencyFilter(request -> true, new IdempotencyKeys(jdbc), transactions, clock,
                new IdempotencyProperties(Duration.ofHours(24)), JSON);
        as("staff-1");
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theSameKeyAndBodyGetTheFirstAnswerAgainAndCreateOnce() throws Exception {
        MockHttpServletResponse first = post("key-1", "{\"a\":1}");
        MockHttpServletResponse again = post("key-1", "{\"a\":1}");

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(again.getStatus()).isEqualTo(201);
        assertThat(again.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(again.getHeader("Location")).isEqualTo(first.getHeader("Location")).isNotNull();
        assertThat(again.getContentType()).isEqualTo(first.getContentType());
        assertThat(made()).isEqualTo(1);
    }

    @Test
    void theKeyMayComeAsAnSfString() throws Exception {
        MockHttpServletResponse first = post("key-1", "{\"a\":1}");
        MockHttpServletResponse quoted = post("\"key-1\"", "{\"a\":1}");

        assertThat(quoted.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(made()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndCreatesNothing() throws Exception {
        post("key-1", "{\"a\":1}");
        MockHttpServletResponse other = post("key-1", "{\"a\":2}");

        assertThat(other.getStatus()).isEqualTo(422);
        assertThat(other.getContentType()).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(other.getContentAsString()).path("type").asString())
                .isEqualTo(IdempotencyFilter.KEY_REUSED.toString());
        assertThat(made()).isEqualTo(1);
    }

    @Test
    void keysAreTheCallersOwn() throws Exception {
        post("key-1", "{\"a\":1}");
        as("staff-2");
        MockHttpServletResponse other = post("key-1", "{\"a\":1}");

        assertThat(other.getStatus()).isEqualTo(201);
        assertThat(made()).isEqualTo(2);
    }

    @Test
    void withoutAKeyEveryRequestCreates() throws Exception {
        post(null, "{\"a\":1}");
        post(null, "{\"a\":1}");
        assertThat(made()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from idempotency_key").query(Long.class).single()).isZero();
    }

    @Test
    void aKeyThatIsNoKeyIsRefusedNamingTheHeader() throws Exception {
        for (String key : new String[] {"", "\"\"", "x".repeat(IdempotencyFilter.MAX_KEY_LENGTH + 1), "a b", "a\"b",
                "caf\u00e9", "a\\b"}) {
            MockHttpServletResponse refused = post(key, "{\"a\":1}");
            assertThat(refused.getStatus()).as(key).isEqualTo(400);
            JsonNode problem = JSON.readTree(refused.getContentAsString());
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
        }
        MockHttpServletRequest twoKeys = request("{\"a\":1}");
        twoKeys.addHeader("Idempotency-Key", "one");
        twoKeys.addHeader("Idempotency-Key", "two");
        assertThat(send(twoKeys).getStatus()).isEqualTo(400);
        assertThat(post("x".repeat(IdempotencyFilter.MAX_KEY_LENGTH), "{\"a\":1}").getStatus()).isEqualTo(201);
        assertThat(made()).isEqualTo(1);
    }

    @Test
    void aFailedFirstRequestKeepsNothingAndTheKeyServesACorrectedOne() throws Exception {
        MockHttpServletResponse failed = post("key-1", "bad");
        MockHttpServletResponse corrected = post("key-1", "{\"a\":1}");

        assertThat(failed.getStatus()).isEqualTo(400);
        assertThat(corrected.getStatus()).isEqualTo(201);
        // the failed request's own row went with its transaction
        assertThat(made()).isEqualTo(1);
    }

    @Test
    void afterTheRetentionTheKeyIsNew() throws Exception {
        post("key-1", "{\"a\":1}");
        now.set(now.get().plus(Duration.ofHours(25)));
        MockHttpServletResponse later = post("key-1", "{\"a\":2}");

        assertThat(later.getStatus()).isEqualTo(201);
        assertThat(made()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from idempotency_key").query(Long.class).single()).isOne();
    }

    /** The database makes the repeat wait for the first: it gets the first's answer (or 409 if H2 gives up waiting). */
    @Test
    void aRepeatWhileTheFirstIsBeingDoneGetsItsAnswerAndCreatesNothing() throws Exception {
        hold = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> postQuietly("key-1"));
        assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<MockHttpServletResponse> repeat = CompletableFuture.supplyAsync(() -> postQuietly("key-1"));
        // let the repeat reach the key (it cannot pass it), then let the first finish
        Thread.sleep(200);
        hold.countDown();

        MockHttpServletResponse firstAnswer = first.get(30, TimeUnit.SECONDS);
        MockHttpServletResponse repeatAnswer = repeat.get(30, TimeUnit.SECONDS);
        assertThat(firstAnswer.getStatus()).isEqualTo(201);
        if (repeatAnswer.getStatus() == 409) {
            assertThat(JSON.readTree(repeatAnswer.getContentAsString()).path("type").asString())
                    .isEqualTo(IdempotencyFilter.KEY_IN_USE.toString());
        } else {
            assertThat(repeatAnswer.getStatus()).isEqualTo(201);
            assertThat(repeatAnswer.getContentAsString()).isEqualTo(firstAnswer.getContentAsString());
        }
        assertThat(made()).isEqualTo(1);
    }

    // --- the operation behind the filter ------------------------------------------------------------------------------

    private final FilterChain operation = (request, response) -> {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into made (id) values (:id)").param("id", id).update();
        working.countDown();
        CountDownLatch waitFor = hold;
        if (waitFor != null) {
            try {
                waitFor.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var http = (jakarta.servlet.http.HttpServletResponse) response;
        if (body.equals("bad")) {
            http.setStatus(400);
            http.setContentType("application/problem+json");
            http.getWriter().write("{\"status\":400}");
            return;
        }
        http.setStatus(201);
        http.setHeader("Location", "/made/" + id);
        http.setContentType("application/json");
        http.getWriter().write("{\"id\":\"" + id + "\",\"body\":" + body + "}");
        http.getWriter().flush();
    };

    private MockHttpServletResponse post(String key, String body) throws Exception {
        MockHttpServletRequest request = request(body);
        if (key != null) {
            request.addHeader("Idempotency-Key", key);
        }
        return send(request);
    }

    private MockHttpServletResponse postQuietly(String key) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("staff-1", null, "ROLE_GP"));
        try {
            return post(key, "{\"a\":1}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockHttpServletRequest request(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/made");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, operation);
        return response;
    }

    private void as(String subject) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(subject, null, "ROLE_GP"));
    }

    private long made() {
        return jdbc.sql("select count(*) from made").query(Long.class).single();
    }
}
