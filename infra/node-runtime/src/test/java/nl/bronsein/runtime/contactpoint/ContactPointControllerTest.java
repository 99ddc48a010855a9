package nl.bronsein.runtime.contactpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.runtime.pull.Addressees;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.runtime.web.ProblemResponses;
import nl.bronsein.schemas.NotificationCodec;
import tools.jackson.databind.json.JsonMapper;

/** The staff API over MockMvc, with the service's own @Transactional boundaries, against H2. */
class ContactPointControllerTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final String SELF = "urn:nld:kvk:12345678";

    private final EmbeddedDatabase db = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
            .generateUniqueName(true)
            .build();

    {
        // every migration, as a node runs them: a hand-picked list of scripts went stale with the first new column
        nl.bronsein.runtime.RuntimeTables.migrate(db);
    }
    private final JdbcClient jdbc = JdbcClient.create(db);
    private final OutboxRepository outbox = new OutboxRepository(jdbc);
    private final MockMvc mvc;

    ContactPointControllerTest() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        NodeIdentity identity = new NodeIdentity(new Participant(ParticipantId.of(SELF), ParticipantRole.GP_PRACTICE,
                "Praktijk", URI.create("https://gp.example:8443"), "ab"));
        ContactPointRepository repository = new ContactPointRepository(jdbc, SELF);
        ContactPointService service = transactional(new ContactPointService(repository,
                new Outbox(outbox, new NotificationCodec(), identity, () -> { }, mock(Addressees.class), mock(nl.bronsein.runtime.audit.AuditTrail.class)), identity,
                clock));
        ContactPointDirectory directory = new ContactPointDirectory(repository,
                new PulledCopies(jdbc, JsonMapper.builder().build()), identity, clock);
        mvc = MockMvcBuilders.standaloneSetup(new ContactPointController(service, repository, directory, clock))
                .setControllerAdvice(new ProblemResponses()).build();
    }

    @AfterEach
    void shutdown() {
        db.shutdown();
    }

    @Test
    void publishAnnounceAndRead() throws Exception {
        String location = mvc.perform(post("/api/v1/contact-points").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Praktijkassistente", "phone": "030 123 4567"}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/contact-points/")))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.owner").value(SELF))
                .andExpect(jsonPath("$.current.phone").value("030 123 4567"))
                .andExpect(jsonPath("$.schedule", hasSize(1)))
                .andReturn().getResponse().getHeader("Location");

        mvc.perform(post(location + "/changes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "Praktijkassistente", "phone": "030 765 4321", "effectiveFrom": "2026-03-01T00:00:00Z"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.current.phone").value("030 123 4567"))
                .andExpect(jsonPath("$.upcoming.phone").value("030 765 4321"));

        mvc.perform(get(location)).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
        mvc.perform(get("/api/v1/contact-points")).andExpect(jsonPath("$", hasSize(1)));
        mvc.perform(get("/api/v1/contact-points/directory"))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].own").value(true))
                .andExpect(jsonPath("$[0].pulledAt").value(nullValue()))
                .andExpect(jsonPath("$[0].upcoming.effectiveFrom").value("2026-03-01T00:00:00Z"));
        assertThat(outbox.findAll()).hasSize(2);

        mvc.perform(post(location + "/changes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "Praktijkassistente", "phone": "030 000 0000", "effectiveFrom": "2026-02-01T00:00:00Z"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"));
        mvc.perform(get(location)).andExpect(jsonPath("$.version").value(2));
        assertThat(outbox.findAll()).hasSize(2);
    }

    @Test
    void invalidDetailsAreRefusedAndNothingIsStoredOrNotified() throws Exception {
        mvc.perform(post("/api/v1/contact-points").contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": " ", "phone": "call me", "email": "not-an-address"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("email", "name", "phone")));
        mvc.perform(post("/api/v1/contact-points").contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "Balie"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reachable"));
        mvc.perform(get("/api/v1/contact-points")).andExpect(jsonPath("$", hasSize(0)));
        assertThat(outbox.findAll()).isEmpty();
        mvc.perform(get("/api/v1/contact-points/" + java.util.UUID.randomUUID())).andExpect(status().isNotFound());
    }

    private ContactPointService transactional(ContactPointService target) {
        ProxyFactory proxy = new ProxyFactory(target);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(new TransactionInterceptor(new DataSourceTransactionManager(db), new AnnotationTransactionAttributeSource()));
        return (ContactPointService) proxy.getProxy();
    }
}
