package nl.bronsein.runtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.config.EarlyStartupCheck;
import nl.bronsein.runtime.config.InvalidNodeConfigurationException;
import nl.bronsein.runtime.config.StartupChecks;
import nl.bronsein.runtime.contactpoint.ContactPointController;
import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.contactpoint.ContactPointHandler;
import nl.bronsein.runtime.contactpoint.ContactPointRepository;
import nl.bronsein.runtime.contactpoint.ContactPointService;
import nl.bronsein.runtime.contactpoint.ContactPointSource;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.history.CatchUp;
import nl.bronsein.runtime.history.CatchUpProperties;
import nl.bronsein.runtime.history.NotificationHistoryController;
import nl.bronsein.runtime.history.SourcePositions;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxProcessor;
import nl.bronsein.runtime.inbox.InboxProperties;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.notification.NodeSigningKey;
import nl.bronsein.runtime.operations.KafkaClientLog;
import nl.bronsein.runtime.operations.OperationsConfiguration;
import nl.bronsein.runtime.operations.RuntimeMetrics;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.runtime.outbox.PublicationCheckpoint;
import nl.bronsein.runtime.outbox.Relay;
import nl.bronsein.runtime.outbox.RelayLease;
import nl.bronsein.runtime.outbox.RelayProperties;
import nl.bronsein.runtime.pull.Addressees;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullController;
import nl.bronsein.runtime.pull.PullPolicy;
import nl.bronsein.runtime.pull.PullProperties;
import nl.bronsein.runtime.pull.PullRule;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.rebuild.DerivedState;
import nl.bronsein.runtime.rebuild.Rewind;
import nl.bronsein.runtime.rebuild.RewindController;
import nl.bronsein.runtime.staff.StaffSecurityConfiguration;
import nl.bronsein.runtime.subscription.IntakeProgress;
import nl.bronsein.runtime.subscription.NotificationListener;
import nl.bronsein.runtime.subscription.NotificationReception;
import nl.bronsein.runtime.subscription.Subscription;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.CertificateRefusals;
import nl.bronsein.runtime.trust.RefusedHandshakeProperties;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.TrustProperties;
import nl.bronsein.runtime.idempotency.IdempotencyFilter;
import nl.bronsein.runtime.kafka.NodeKafkaConnection;
import nl.bronsein.runtime.idempotency.IdempotencyProperties;
import nl.bronsein.runtime.web.Connectors;
import nl.bronsein.runtime.web.ContainerProblems;
import nl.bronsein.runtime.web.DoorAudit;
import nl.bronsein.runtime.web.DoorFilter;
import nl.bronsein.runtime.web.NetworkTls;
import nl.bronsein.runtime.web.ProblemErrorController;
import nl.bronsein.runtime.web.RequestLimits;
import nl.bronsein.runtime.web.ProblemResponses;
import nl.bronsein.runtime.web.RejectedRequests;
import nl.bronsein.runtime.web.StaffApiProperties;
import nl.bronsein.runtime.web.StorableInput;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;

/**
 * Wires the node runtime into any node application: a node contributes its domain (objects, handlers, views,
 * policies as properties) and gets the outbox, relay, inbox, subscriptions, pull server and client, trust and audit.
 */
// before Spring Boot's error controller, which backs off for ours (ProblemErrorController: problem+json)
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataSourceAutoConfiguration.class},
        before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties({TrustProperties.class, RelayProperties.class, InboxProperties.class,
        SubscriptionProperties.class, PullProperties.class, CatchUpProperties.class, StaffApiProperties.class,
        TopicProperties.class, IdempotencyProperties.class, RefusedHandshakeProperties.class})
@Import({PullController.class, NotificationHistoryController.class, RewindController.class, ProblemResponses.class,
        ProblemErrorController.class, ContactPointController.class, StaffSecurityConfiguration.class,
        OperationsConfiguration.class})
public class NodeRuntimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    NotificationCodec notificationCodec() {
        return new NotificationCodec();
    }

    @Bean
    FlywayMigrationStrategy runtimeSchemaMigration() {
        return new RuntimeSchemaMigration();
    }

    @Bean
    ParticipantList participantList(TrustProperties trust) {
        return StartupChecks.participantList(trust);
    }

    /** This node's own entry of the participant list, with the certificate of its SSL bundle checked against it. */
    @Bean
    NodeIdentity nodeIdentity(TrustProperties trust, ParticipantList participants, ObjectProvider<SslProperties> ssl,
                              ObjectProvider<SslBundles> bundles, ResourceLoader resources) {
        NodeIdentity identity = StartupChecks.nodeIdentity(trust, participants);
        StartupChecks.networkCertificate(trust, identity, ssl.getIfAvailable(), bundles.getIfAvailable(), resources);
        return identity;
    }

    @Bean
    EarlyStartupCheck earlyStartupCheck(NodeIdentity identity) {
        return new EarlyStartupCheck(identity);
    }

    @Bean
    PulledCopies pulledCopies(JdbcClient jdbc, JsonMapper json) {
        return new PulledCopies(jdbc, json);
    }

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, Clock clock) {
        return new AuditTrail(jdbc, clock);
    }

    // --- outbox and relay -------------------------------------------------------------------------------------

    /**
     * A bean of its own, so the context closes it: made inside the template's bean method it was never closed, and a
     * node stopped inside a JVM (a restart, the benchmark) left its relay's producer reconnecting for ever.
     */
    @Bean
    DefaultKafkaProducerFactory<String, byte[]> notificationProducerFactory(KafkaProperties kafka,
            NodeKafkaConnection connection, NodeIdentity identity) {
        Map<String, Object> config = connection.producer(kafka.buildProducerProperties());
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A relay that dies mid-transaction holds back read-committed consumers of its partitions until it restarts
        // or this passes; Kafka's default of a minute is long for a node that is simply gone.
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000);
        // The guarantees the outbox depends on are not negotiable by configuration.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), new ByteArraySerializer());
        // One relay thread, one transactional id that stays the same across restarts, so the next start fences the last.
        producers.setTransactionIdPrefix(PublicationCheckpoint.transactionalIdPrefix(identity.id().urn()));
        producers.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
        producers.addListener(new ProducerFactory.Listener<>() {
            @Override
            public void producerAdded(String id, Producer<String, byte[]> producer) {
                KafkaClientLog.created("relay producer", KafkaClientLog.clientId(producer.metrics(), id), config);
            }
        });
        return producers;
    }

    @Bean
    KafkaTemplate<String, byte[]> notificationKafkaTemplate(DefaultKafkaProducerFactory<String, byte[]> notificationProducerFactory) {
        return new KafkaTemplate<>(notificationProducerFactory);
    }

    @Bean
    PublicationCheckpoint publicationCheckpoint(KafkaProperties kafka, NodeKafkaConnection connection,
                                                NodeIdentity identity, RelayProperties properties) {
        String topic = properties.checkpointTopic() != null ? properties.checkpointTopic()
                : PublicationCheckpoint.ownTopic(identity.id());
        return new PublicationCheckpoint(topic, identity.id().urn(), connection.consumer(kafka.buildConsumerProperties()),
                properties.sendTimeout());
    }

    @Bean
    OutboxRepository outboxRepository(JdbcClient jdbc) {
        return new OutboxRepository(jdbc);
    }

    @Bean
    RelayLease relayLease(JdbcClient jdbc, Clock clock, RelayProperties properties) {
        return new RelayLease(jdbc, clock, properties.lease());
    }

    @Bean
    Relay relay(OutboxRepository repository, RelayLease relayLease, KafkaTemplate<String, byte[]> notificationKafkaTemplate,
                PublicationCheckpoint publicationCheckpoint, NodeIdentity identity, RelayProperties properties, Clock clock,
                RuntimeMetrics metrics, SslBundles bundles, TrustProperties trust) {
        return new Relay(repository, relayLease, notificationKafkaTemplate, publicationCheckpoint, identity, properties,
                clock, metrics, NodeSigningKey.signer(bundles.getBundle(trust.sslBundle())));
    }

    @Bean
    Outbox outbox(OutboxRepository repository, NotificationCodec codec, NodeIdentity identity, Relay relay,
                  List<SharedObjectSource> ownObjects, PullPolicy pullPolicy, ParticipantList participants) {
        return new Outbox(repository, codec, identity, relay,
                new Addressees(ownObjects, pullPolicy, participants, identity));
    }

    @Bean
    KafkaAdmin.NewTopics notificationTopics(ParticipantList participants, NodeIdentity identity,
                                            SubscriptionProperties subscriptions, TopicProperties topics,
                                            PublicationCheckpoint publicationCheckpoint, NodeKafkaConnection connection) {
        // On a secured broker nodes may not create topics: provisioning (infra/provisioning) makes them.
        if (!topics.create() || connection.secured()) {
            return new KafkaAdmin.NewTopics();
        }
        // Where nobody provisions the broker (a development broker): this node's own inbox and the inboxes it may
        // write to, so that a change for a participant whose node has not started yet waits in Kafka, not in the relay.
        Set<String> inboxes = new LinkedHashSet<>(subscriptions.topics(identity));
        participants.all().stream()
                .filter(p -> NotificationTopics.addressableRoles(identity.role().name()).contains(p.role().name()))
                .forEach(p -> inboxes.add(NotificationTopics.inbox(p.role().name(), p.id().urn())));
        List<NewTopic> created = new ArrayList<>();
        inboxes.removeAll(NotificationTopics.genericTopics());
        inboxes.forEach(name -> created.add(withReplicas(TopicBuilder.name(name).partitions(topics.partitions()), topics)));
        // generic notifications carry no sequence: compaction keeps the latest of every object for whoever reads it
        NotificationTopics.genericTopics().forEach(name -> created.add(
                withReplicas(TopicBuilder.name(name).partitions(topics.partitions()).compact(), topics)));
        // small and read back only after a failure: one partition, the newest checkpoint kept
        created.add(withReplicas(TopicBuilder.name(publicationCheckpoint.topic()).partitions(1).compact(), topics));
        return new KafkaAdmin.NewTopics(created.toArray(NewTopic[]::new));
    }

    private static NewTopic withReplicas(TopicBuilder builder, TopicProperties topics) {
        return topics.replicas() > 0 ? builder.replicas(topics.replicas()).build() : builder.build();
    }

    // --- inbox and subscriptions -----------------------------------------------------------------------------

    @Bean
    Inbox inbox(JdbcClient jdbc, Clock clock) {
        return new Inbox(jdbc, clock);
    }

    @Bean
    InboxProcessor inboxProcessor(Inbox inbox, List<NotificationHandler> handlers, NotificationCodec codec,
                                  ParticipantList participants, PlatformTransactionManager transactions,
                                  InboxProperties properties, SubscriptionProperties subscriptions, RuntimeMetrics metrics) {
        InboxProcessor processor = new InboxProcessor(inbox, handlers, codec, participants,
                new TransactionTemplate(transactions), properties, metrics);
        for (int i = 0; i < subscriptions.subscriptions().size(); i++) {
            Subscription subscription = subscriptions.subscriptions().get(i);
            for (int j = 0; j < subscription.objectTypes().size(); j++) {
                String type = subscription.objectTypes().get(j);
                if (!processor.handles(SharedObjectType.fromCode(type).orElseThrow())) {
                    throw new InvalidNodeConfigurationException(
                            "bronsein.subscriptions[" + i + "].object-types[" + j + "]", type,
                            "cannot be followed: subscription for " + subscription.purpose() + " follows " + type
                                    + ", but this node has no handler for it",
                            "Remove " + type + " from the subscription; this node handles "
                                    + handled(processor) + ".");
                }
            }
        }
        return processor;
    }

    private static List<String> handled(InboxProcessor processor) {
        return Arrays.stream(SharedObjectType.values()).filter(processor::handles).map(SharedObjectType::code).toList();
    }

    @Bean
    SourcePositions sourcePositions(JdbcClient jdbc, Clock clock) {
        return new SourcePositions(jdbc, clock);
    }

    @Bean
    NotificationReception notificationReception(Inbox inbox, InboxProcessor processor, SubscriptionProperties subscriptions,
                                                ParticipantList participants, NodeIdentity identity, NotificationCodec codec,
                                                SourcePositions positions, RuntimeMetrics metrics, SslBundles bundles,
                                                TrustProperties trust) {
        return new NotificationReception(inbox, processor, subscriptions, participants, identity, codec, positions, metrics,
                NodeSigningKey.verifier(bundles.getBundle(trust.sslBundle())));
    }

    @Bean
    IntakeProgress intakeProgress(Clock clock) {
        return new IntakeProgress(clock);
    }

    @Bean
    NotificationListener notificationListener(NotificationReception reception, Inbox inbox,
                                              PlatformTransactionManager transactions, IntakeProgress intakeProgress,
                                              RuntimeMetrics metrics) {
        return new NotificationListener(reception, inbox, new TransactionTemplate(transactions), intakeProgress, metrics);
    }

    @Bean
    CatchUp catchUp(PullClient pullClient, NotificationReception reception, SourcePositions positions,
                    ParticipantList participants, SubscriptionProperties subscriptions, NodeIdentity identity,
                    CatchUpProperties properties, Clock clock, RuntimeMetrics metrics) {
        return new CatchUp(pullClient, reception, positions, participants, subscriptions, identity, properties, clock,
                metrics);
    }

    @Bean
    Rewind rewind(ConcurrentMessageListenerContainer<String, byte[]> notificationListenerContainer, InboxProcessor processor,
                  CatchUp catchUp, KafkaAdmin kafkaAdmin, SubscriptionProperties subscriptions, NodeIdentity identity,
                  Inbox inbox, PulledCopies pulledCopies, SourcePositions positions, List<DerivedState> derivedStates,
                  PlatformTransactionManager transactions) {
        return new Rewind(notificationListenerContainer, processor, catchUp, kafkaAdmin, subscriptions.groupOf(identity.id()),
                subscriptions.topics(identity), inbox, pulledCopies, positions, derivedStates, new TransactionTemplate(transactions));
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> notificationListenerContainer(
            KafkaProperties kafka, NodeKafkaConnection connection, SubscriptionProperties subscriptions,
            NodeIdentity identity, NotificationListener listener) {
        Map<String, Object> config = connection.consumer(kafka.buildConsumerProperties());
        String group = subscriptions.groupOf(identity.id());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a relay's aborted transaction must never be seen: published means committed
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ContainerProperties container = new ContainerProperties(subscriptions.topics(identity).toArray(String[]::new));
        container.setMessageListener(listener);
        // offsets are committed once the listener's transaction has the whole poll
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMissingTopicsFatal(false);
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer());
        consumers.addListener(new ConsumerFactory.Listener<>() {
            @Override
            public void consumerAdded(String id, Consumer<String, byte[]> consumer) {
                KafkaClientLog.created("notification consumer", KafkaClientLog.clientId(consumer.metrics(), id),
                        config);
            }
        });
        ConcurrentMessageListenerContainer<String, byte[]> listenerContainer = new ConcurrentMessageListenerContainer<>(
                consumers, container);
        // What reaches the error handler is a failure that may pass (the inbox's database away): retry the same poll,
        // never skip a record of it. A record that fails by itself is parked by the listener and never comes here.
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        listenerContainer.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        listenerContainer.setAutoStartup(!subscriptions.subscriptions().isEmpty());
        listenerContainer.setBeanName("notificationListenerContainer");
        return listenerContainer;
    }

    // --- pull ----------------------------------------------------------------------------------------------------

    @Bean
    PullPolicy pullPolicy(PullProperties properties, List<SharedObjectSource> sources) {
        Map<String, SharedObjectSource> byType = new HashMap<>();
        sources.forEach(s -> byType.put(s.objectType().code(), s));
        for (int i = 0; i < properties.policies().size(); i++) {
            PullRule rule = properties.policies().get(i);
            SharedObjectSource source = byType.get(rule.objectType());
            if (source == null) {
                throw new InvalidNodeConfigurationException("bronsein.pull.policies[" + i + "].object-type",
                        rule.objectType(), "is refused: pull policy for " + rule.purpose() + " names object type "
                        + rule.objectType() + ", which this node does not own",
                        "Use an object type this node owns: " + byType.keySet().stream().sorted().toList() + ".");
            }
            if (!source.views().contains(rule.view())) {
                throw new InvalidNodeConfigurationException("bronsein.pull.policies[" + i + "].view", rule.view(),
                        "is refused: pull policy for " + rule.purpose() + " names view " + rule.view() + "; "
                                + rule.objectType() + " has views " + source.views(),
                        "Use one of the views " + rule.objectType() + " has: " + source.views() + ".");
            }
            for (String relation : rule.involvement()) {
                if (!source.relations().contains(relation)) {
                    throw new InvalidNodeConfigurationException("bronsein.pull.policies[" + i + "].involvement", relation,
                            "is refused: pull policy for " + rule.purpose() + " names involvement " + relation + "; "
                                    + rule.objectType() + " involves participants as " + source.relations(),
                            "Use one of " + source.relations() + ", or leave involvement out for any involvement.");
                }
            }
        }
        return new PullPolicy(properties.policies());
    }

    @Bean
    PullClient pullClient(SslBundles bundles, TrustProperties trust, PullProperties properties,
                          ObjectProvider<JsonMapper> mappers, RuntimeMetrics metrics) {
        HttpClientSettings settings = HttpClientSettings.ofSslBundle(bundles.getBundle(trust.sslBundle()))
                .withTimeouts(properties.connectTimeout(), properties.readTimeout())
                .withRedirects(org.springframework.boot.http.client.HttpRedirects.DONT_FOLLOW);
        // Owners may add fields to a view; a consumer reads what it knows (views are additive, see schemas.view).
        JsonMapper tolerant = mappers.getIfAvailable(JsonMapper::new).rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        RestClient http = RestClient.builder()
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(tolerant)))
                .build();
        return new PullClient(http, metrics);
    }

    // --- contact points: every node publishes its own and keeps a directory of others' ---------------------------

    @Bean
    ContactPointRepository contactPointRepository(JdbcClient jdbc, NodeIdentity identity) {
        return new ContactPointRepository(jdbc, identity.id().urn());
    }

    @Bean
    ContactPointService contactPointService(ContactPointRepository contactPoints, Outbox outbox, NodeIdentity identity,
                                            Clock clock) {
        return new ContactPointService(contactPoints, outbox, identity, clock);
    }

    @Bean
    ContactPointSource contactPointSource(ContactPointRepository contactPoints) {
        return new ContactPointSource(contactPoints);
    }

    @Bean
    ContactPointHandler contactPointHandler(OwnerAnswers ownerAnswers, PulledCopies pulledCopies) {
        return new ContactPointHandler(ownerAnswers, pulledCopies);
    }

    @Bean
    OwnerAnswers ownerAnswers(PullClient pullClient, PulledCopies pulledCopies, Clock clock) {
        return new OwnerAnswers(pullClient, pulledCopies, clock);
    }

    @Bean
    ContactPointDirectory contactPointDirectory(ContactPointRepository contactPoints, PulledCopies pulledCopies,
                                                JdbcClient jdbc, NodeIdentity identity, Clock clock) {
        return new ContactPointDirectory(contactPoints, pulledCopies, jdbc, identity, clock);
    }

    // --- the two doors --------------------------------------------------------------------------------------------

    @Bean
    Connectors connectors(StaffApiProperties properties) {
        return new Connectors(properties);
    }

    /** A client certificate refused in the network port's TLS handshake is audited too, though no request exists. */
    @Bean
    CertificateRefusals certificateRefusals(AuditTrail audit, RuntimeMetrics metrics,
                                            RefusedHandshakeProperties properties) {
        return new CertificateRefusals(audit, metrics, properties);
    }

    /** Every request on the network door past the handshake is one audit row. */
    @Bean
    DoorAudit doorAudit(AuditTrail audit, Connectors connectors, ParticipantList participants) {
        return new DoorAudit(audit, connectors, participants);
    }

    @Bean
    NetworkTls networkTls(CertificateRefusals refusals) {
        return new NetworkTls(refusals);
    }

    /** Spring Security uses it for what its firewall refuses: a 400, and audited on the network door. */
    @Bean
    RejectedRequests rejectedRequests(Connectors connectors, DoorAudit audit) {
        return new RejectedRequests(connectors, audit);
    }

    /** Before the door filter, which reads a parameter itself. */
    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(Connectors connectors, StaffApiProperties properties) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits(connectors, properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Registered with Spring Boot's JSON mapper, so every request body is read with it. */
    @Bean
    JacksonModule storableInput() {
        return StorableInput.module();
    }

    @Bean
    ContainerProblems containerProblems() {
        return new ContainerProblems();
    }

    /**
     * After Spring Security's filters (order -100): the keys are the authenticated staff member's own. The operations are
     * looked up in Spring MVC's own mapping, so that only those marked {@code @Idempotent} take the header.
     */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(Connectors connectors, JdbcClient jdbc,
                                                                PlatformTransactionManager transactions, Clock clock,
                                                                IdempotencyProperties properties, ApplicationContext context,
                                                                ObjectProvider<JsonMapper> mappers) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(IdempotencyFilter.of(
                connectors, () -> context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                jdbc, new TransactionTemplate(transactions), clock, properties, mappers.getIfAvailable(JsonMapper::new)));
        registration.setOrder(0);
        return registration;
    }

    @Bean
    FilterRegistrationBean<DoorFilter> doorFilter(Connectors connectors, ParticipantList participants, DoorAudit audit) {
        FilterRegistrationBean<DoorFilter> registration = new FilterRegistrationBean<>(new DoorFilter(connectors, participants, audit));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
