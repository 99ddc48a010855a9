package nl.bronsein.runtime;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.devpki.PemFiles;
import nl.bronsein.kafkabroker.BrokerSecurity;
import nl.bronsein.kafkabroker.LocalKafkaBroker;

/**
 * The runtime's own tests' broker, secured as every broker of the network is: mutual TLS from a test CA, the client
 * certificate's participant as the principal, {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}.
 * The participants these tests act as are its super users: the runtime's tests are about the relay's transactions, the
 * node's health and its logs over that connection. What each participant may do on a provisioned broker is
 * provisioning's test and the network suite's ({@code SecuredNetworkTest}), where nodes hold only their own ACLs.
 */
public final class SecuredTestBroker implements AutoCloseable {

    /** The broker's own identity: a participant id that is nobody's node. */
    private static final String BROKER_OIN = "00000009999999999999";

    private final DevCertificateAuthority ca;
    private final Map<String, NodeCredentials> clients = new HashMap<>();
    private final LocalKafkaBroker broker;

    private SecuredTestBroker(Path dataDir, DevCertificateAuthority ca, Map<String, NodeCredentials> superUsers) {
        this.ca = ca;
        this.clients.putAll(superUsers);
        NodeCredentials identity = ca.issue(NodeCertificateRequest.of("Bronsein testbroker", BROKER_OIN));
        this.broker = LocalKafkaBroker.secured(dataDir, 0, new BrokerSecurity(PemFiles.toPem(identity.chain()),
                PemFiles.toPem(identity.privateKey()), PemFiles.toPem(ca.certificate()), superUsers.keySet()));
    }

    /**
     * Starts a broker that trusts {@code ca} and lets the participants with these credentials (participant id →
     * certificate of that CA) do everything.
     */
    public static SecuredTestBroker start(Path dataDir, DevCertificateAuthority ca, Map<String, NodeCredentials> superUsers) {
        SecuredTestBroker started = new SecuredTestBroker(dataDir, ca, superUsers);
        started.broker.start();
        return started;
    }

    /** Starts a broker with a CA of its own and a certificate for each participant id, each a super user. */
    public static SecuredTestBroker start(Path dataDir, Collection<String> participants) {
        DevCertificateAuthority ca = DevCertificateAuthority.generate("Runtime test broker CA");
        Map<String, NodeCredentials> credentials = new HashMap<>();
        for (String participant : participants) {
            credentials.put(participant, ca.issue(NodeCertificateRequest.of("Test participant",
                    participant.substring(participant.lastIndexOf(':') + 1))));
        }
        return start(dataDir, ca, credentials);
    }

    public LocalKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Kafka client settings of a participant this broker was started with: bootstrap and mutual TLS. */
    public Map<String, Object> client(String participant) {
        NodeCredentials credentials = clients.get(participant);
        if (credentials == null) {
            throw new IllegalArgumentException(participant + " has no credentials for this broker");
        }
        Map<String, Object> client = new HashMap<>(BrokerSecurity.clientSslProperties(PemFiles.toPem(credentials.chain()),
                PemFiles.toPem(credentials.privateKey()), PemFiles.toPem(ca.certificate())));
        client.put("bootstrap.servers", broker.bootstrapServers());
        return client;
    }

    /** Creates a topic as provisioning would (a node on a secured broker creates none), as {@code participant}. */
    public void createTopic(String participant, String topic, int partitions, boolean compacted) {
        NewTopic newTopic = new NewTopic(topic, partitions, (short) 1);
        if (compacted) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        try (Admin admin = Admin.create(client(participant))) {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create " + topic + " in time", e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
