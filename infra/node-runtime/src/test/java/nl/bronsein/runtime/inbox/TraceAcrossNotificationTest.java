package nl.bronsein.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.MicrometerTrace;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.outbox.OutboxFixtures;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.SharedObjectType;

/**
 * One trace from a change at its source to the recipient's handling of its notification, on two real databases with a
 * real OpenTelemetry tracer behind Micrometer (as a node has it), and the wire in between as the relay writes it and
 * the listener reads it: the outbox writes the change's traceparent with the row, the record carries it as
 * {@code ce_traceparent}, the inbox keeps it, and the handling — and every processing it records — continues the
 * source's trace, with the source's change record as the parent span. A malformed traceparent starts a new trace and
 * the notification is handled all the same. Sampling is off: ids exist and travel whether or not a span is exported.
 */
class TraceAcrossNotificationTest {

    private final List<SpanData> ended = new ArrayList<>();
    private SdkTracerProvider provider;
    private Tracer tracer;
    private MicrometerTrace trace;
    private JdbcClient gpDb;
    private JdbcClient municipalityDb;
    private TransactionTemplate gpTransactions;
    private Outbox outbox;
    private AuditTrail gpLog;
    private AuditTrail municipalityLog;
    private Inbox inbox;
    private InboxProcessor processor;

    @BeforeEach
    void nodes() {
        // Nothing is sampled for export (the default for most traces); spans are recorded only so that the test can see
        // them: the ids the test compares are those a node writes and sends, sampled or not.
        provider = SdkTracerProvider.builder().setSampler(new RecordedNotSampled())
                .addSpanProcessor(SimpleSpanProcessor.builder(new Collecting()).setExportUnsampledSpans(true).build())
                .build();
        io.opentelemetry.api.trace.Tracer otel = provider.get("bronsein-test");
        tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
        trace = new MicrometerTrace(tracer, new OtelPropagator(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

        DataSource gp = RuntimeTables.inMemoryH2Database("trace-gp-" + UUID.randomUUID());
        gpDb = JdbcClient.create(gp);
        gpTransactions = new TransactionTemplate(new DataSourceTransactionManager(gp));
        gpLog = AuditTrail.tracedBy(gpDb, Clock.systemUTC(), trace);
        outbox = new Outbox(new OutboxRepository(gpDb), new NotificationCodec(), OutboxFixtures.IDENTITY, () -> { },
                OutboxFixtures.addressees(), gpLog);

        DataSource municipality = RuntimeTables.inMemoryH2Database("trace-municipality-" + UUID.randomUUID());
        municipalityDb = JdbcClient.create(municipality);
        municipalityLog = AuditTrail.tracedBy(municipalityDb, Clock.systemUTC(), trace);
        inbox = new Inbox(municipalityDb, Clock.systemUTC());
        processor = new InboxProcessor(inbox, List.of(new PullingHandler()), new NotificationCodec(),
                new ParticipantList(List.of(OutboxFixtures.IDENTITY.participant(), new Participant(
                        ParticipantId.of(OutboxFixtures.MUNICIPALITY), ParticipantRole.MUNICIPALITY, "Zwolle",
                        URI.create("https://municipality.example:8443"), "cd".repeat(32)))),
                new TransactionTemplate(new DataSourceTransactionManager(municipality)),
                new InboxProperties(Duration.ofMillis(500), 100, 1, Duration.ofSeconds(1), Duration.ofSeconds(4), null),
                RuntimeMetrics.NONE, municipalityLog);
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void theRecipientHandlesTheNotificationInTheTraceOfTheChangeItAnnounces() {
        String referral = UUID.randomUUID().toString();
        // a staff request at the GP: the span its server observation would open
        Span request = tracer.nextSpan().name("staff request").start();
        List<OutboxEntry> written;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            written = gpTransactions.execute(status -> outbox.record(OutboxFixtures.change(referral, 2)));
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();
        AuditRecord change = gpLog.forObject("referral", referral).get(0);
        assertThat(change.name()).isEqualTo(Processing.CHANGE);
        assertThat(change.traceId()).isEqualTo(traceId);
        assertThat(change.parentSpanId()).isEqualTo(request.context().spanId());
        // the row names the change's own record as the parent of what follows; not sampled, and says so
        String traceparent = "00-" + traceId + "-" + change.spanId() + "-00";
        assertThat(written).singleElement().extracting(OutboxEntry::traceparent).isEqualTo(traceparent);
        assertThat(new OutboxRepository(gpDb).findAll()).singleElement().extracting(OutboxEntry::traceparent)
                .isEqualTo(traceparent);

        ProducerRecord<String, byte[]> sent = NotificationEnvelope.toRecord(written.get(0), OutboxFixtures.GP,
                OutboxFixtures.signer());
        assertThat(new String(sent.headers().lastHeader("ce_traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo(traceparent);
        Notification received = read(sent);
        assertThat(received.traceparent()).isEqualTo(traceparent);
        assertThat(inbox.receive(received, "referral", "intake")).isTrue();
        assertThat(inbox.entries()).singleElement().satisfies(e -> assertThat(e.notification().traceparent())
                .isEqualTo(traceparent));

        processDue();

        assertThat(inbox.entries()).singleElement().extracting(InboxEntry::status).isEqualTo(InboxStatus.HANDLED);
        SpanData handling = handlingSpan();
        assertThat(handling.getTraceId()).isEqualTo(traceId);
        assertThat(handling.getParentSpanId()).isEqualTo(change.spanId());
        // the pull its handler made and its record of handling the notification, both in the GP's trace
        assertThat(municipalityLog.all()).extracting(AuditRecord::name)
                .containsExactly(Processing.PULL, Processing.NOTIFICATION_HANDLED);
        assertThat(municipalityLog.all()).allSatisfy(record -> {
            assertThat(record.traceId()).isEqualTo(traceId);
            assertThat(record.parentSpanId()).isEqualTo(handling.getSpanId());
        });
        assertThat(municipalityLog.all().get(1)).extracting(AuditRecord::caller, AuditRecord::objectId,
                AuditRecord::purpose, AuditRecord::reason)
                .containsExactly(OutboxFixtures.GP, referral, "intake", "version 2 corrected");
    }

    @Test
    void aMalformedTraceparentStartsANewTraceAndTheNotificationIsHandledAllTheSame() {
        String referral = UUID.randomUUID().toString();
        List<OutboxEntry> written = gpTransactions.execute(status -> outbox.record(OutboxFixtures.change(referral, 1)));
        String sourceTrace = gpLog.forObject("referral", referral).get(0).traceId();
        ProducerRecord<String, byte[]> sent = NotificationEnvelope.toRecord(written.get(0), OutboxFixtures.GP,
                OutboxFixtures.signer());
        // upper-case hex is no W3C trace id; the record is otherwise the sender's own
        sent.headers().remove("ce_traceparent");
        sent.headers().add("ce_traceparent", ("00-" + sourceTrace.toUpperCase() + "-00f067aa0ba902b7-01")
                .getBytes(StandardCharsets.UTF_8));

        Notification received = read(sent);
        assertThat(inbox.receive(received, "referral", "intake")).isTrue();
        // and what a sender's notification held is never stored unchecked
        Notification garbage = new Notification(UUID.randomUUID().toString(), OutboxFixtures.GP, received.type(),
                UUID.randomUUID().toString(), received.time(), received.dataref(), null, received.body(), null, -1, -1,
                null, null, "00-" + "ab".repeat(16) + "-" + "00".repeat(8) + "-01' or 1=1");
        assertThat(inbox.receive(garbage, "referral", "intake")).isTrue();
        assertThat(inbox.entries()).extracting(e -> e.notification().traceparent()).containsOnlyNulls();

        processDue();

        assertThat(inbox.entries()).extracting(InboxEntry::status).containsOnly(InboxStatus.HANDLED);
        List<AuditRecord> pulls = municipalityLog.all().stream().filter(r -> r.name().equals(Processing.PULL)).toList();
        assertThat(pulls).hasSize(2).allSatisfy(pull -> {
            assertThat(pull.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(sourceTrace);
            assertThat(ended).filteredOn(s -> s.getSpanId().equals(pull.parentSpanId())).singleElement()
                    .satisfies(handling -> assertThat(handling.getParentSpanContext().isValid()).isFalse());
        });
        assertThat(pulls).extracting(AuditRecord::traceId).doesNotHaveDuplicates();
    }

    private void processDue() {
        processor.processDue();
    }

    private SpanData handlingSpan() {
        return ended.stream().filter(s -> s.getName().equals("bronsein.notification.handle")).findFirst().orElseThrow();
    }

    private static Notification read(ProducerRecord<String, byte[]> record) {
        return NotificationEnvelope.fromRecord(new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME,
                0, 0, record.key(), record.value(), record.headers(), Optional.empty()));
    }

    /** What a node's handler does first: pull the object, which its pull's record at this node stands for here. */
    private final class PullingHandler implements NotificationHandler {

        @Override
        public SharedObjectType objectType() {
            return SharedObjectType.REFERRAL;
        }

        @Override
        public InboxChange prepare(ReceivedNotification notification) {
            municipalityLog.record(new Processing(Processing.PULL, notification.source().id().urn(), "referral",
                    notification.objectId(), "intake", AuditOutcome.ALLOWED, null, 200, Optional.empty(), null));
            return InboxChange.NONE;
        }
    }

    private static final class RecordedNotSampled implements Sampler {

        @Override
        public SamplingResult shouldSample(io.opentelemetry.context.Context parentContext, String traceId, String name,
                                           SpanKind spanKind, Attributes attributes, List<LinkData> parentLinks) {
            return SamplingResult.recordOnly();
        }

        @Override
        public String getDescription() {
            return "recorded, not sampled";
        }
    }

    private final class Collecting implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            ended.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
