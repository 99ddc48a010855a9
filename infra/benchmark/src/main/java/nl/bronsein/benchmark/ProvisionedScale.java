package nl.bronsein.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclBindingFilter;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.devpki.PemFiles;
import nl.bronsein.kafkabroker.BrokerSecurity;
import nl.bronsein.provisioning.ProvisionMain;

/**
 * What a provisioned network costs the broker: a secured broker, as its own OS process with its own heap (as the local
 * network runs it), provisioned by the provisioning command for a participant list of the real network's proportions
 * (342 municipalities : 5,000 GP practices : 10,000 providers), at two sizes. Per size: how long provisioning takes, the
 * topics, partitions and ACLs the broker then holds, and the broker's start-up time and resident memory with that
 * metadata, after a restart. The real network's 15,342 participants are extrapolated linearly from the two sizes, which
 * is stated beside the figures; provisioning's own model makes topics and ACLs exactly linear in participants per role.
 */
final class ProvisionedScale {

    static final int REAL_NETWORK = 342 + 5_000 + 10_000;

    /** One size measured. */
    record Figure(int participants, long provisionMillis, int topics, int partitions, int acls, long startUpMillis,
                  long residentBytes) {
    }

    /** The two sizes and the real network's, extrapolated. */
    record Result(Figure small, Figure large, Figure extrapolated) {
    }

    private static final String BROKER_OIN = "00000009999999999999";
    private static final String OPERATOR_KVK = "99990000";

    private ProvisionedScale() {
    }

    static Result measure(Path dir, int participants, PrintStream out) {
        Figure small = measureOne(dir.resolve("small"), Math.max(30, participants / 10), out);
        Figure large = measureOne(dir.resolve("large"), participants, out);
        return new Result(small, large, extrapolate(small, large, REAL_NETWORK));
    }

    /**
     * The straight line through the two sizes, at {@code n}. A figure that did not grow between them (a start-up time
     * dominated by its fixed part, measured with noise) is not extrapolated downwards: it stays at the larger size's.
     */
    static Figure extrapolate(Figure a, Figure b, int n) {
        double f = (double) (n - a.participants()) / (b.participants() - a.participants());
        return new Figure(n, line(a.provisionMillis(), b.provisionMillis(), f),
                (int) line(a.topics(), b.topics(), f), (int) line(a.partitions(), b.partitions(), f),
                (int) line(a.acls(), b.acls(), f), line(a.startUpMillis(), b.startUpMillis(), f),
                line(a.residentBytes(), b.residentBytes(), f));
    }

    private static long line(long small, long large, double f) {
        return Math.max(large, Math.round(small + f * (large - small)));
    }

    private static Figure measureOne(Path dir, int participants, PrintStream out) {
        try {
            Files.createDirectories(dir);
            DevCertificateAuthority ca = DevCertificateAuthority.generate("Bronsein benchmark scale CA");
            Files.writeString(dir.resolve("ca.crt"), PemFiles.toPem(ca.certificate()));
            write(ca.issue(NodeCertificateRequest.of("Bronsein netwerkbeheer (broker)", BROKER_OIN)), dir, "broker");
            write(ca.issue(NodeCertificateRequest.of("Bronsein netwerkbeheer", OPERATOR_KVK)), dir, "operator");
            Path list = dir.resolve("participants.json");
            Files.writeString(list, BenchNetwork.JSON.writeValueAsString(Map.of("participants", participantList(participants))));

            try (BrokerProcess first = broker(dir)) {
                long start = System.nanoTime();
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
                int exit = ProvisionMain.run(print, print, "--bootstrap-server", first.bootstrapServers(),
                        "--participant-list", list.toString(), "--tls-certificate", dir.resolve("operator.crt").toString(),
                        "--tls-key", dir.resolve("operator.key").toString(), "--tls-ca", dir.resolve("ca.crt").toString(),
                        "--timeout", "600");
                if (exit != 0) {
                    throw new IllegalStateException("provisioning " + participants + " participants failed (" + exit
                            + "): " + output.toString(StandardCharsets.UTF_8).lines().reduce((x, y) -> y).orElse(""));
                }
                long provisionMillis = (System.nanoTime() - start) / 1_000_000;
                first.close();
                try (BrokerProcess restarted = broker(dir)) {
                    int[] counts = counts(dir, restarted.bootstrapServers());
                    Figure figure = new Figure(participants, provisionMillis, counts[0], counts[1], counts[2],
                            Math.round(restarted.process().startSeconds() * 1000), restarted.process().residentBytes());
                    out.printf("  %,d participants: provisioned in %.1f s; %,d topics, %,d partitions, %,d ACLs; broker "
                                    + "restarted with them in %.1f s, resident %s (heap %s)%n", participants,
                            provisionMillis / 1000.0, figure.topics(), figure.partitions(), figure.acls(),
                            figure.startUpMillis() / 1000.0, Report.mebibytes(figure.residentBytes()), BrokerProcess.HEAP);
                    out.flush();
                    return figure;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Participants in the real network's proportions, each with a certificate fingerprint of its own. */
    static List<Map<String, String>> participantList(int participants) {
        int municipalities = Math.max(1, Math.round(participants * 342f / REAL_NETWORK));
        int gps = Math.max(1, Math.round(participants * 5_000f / REAL_NETWORK));
        int providers = participants - municipalities - gps;
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < municipalities; i++) {
            list.add(entry(String.format("urn:nld:oin:0000000100%010d", i), "MUNICIPALITY", "Gemeente " + i));
        }
        for (int i = 0; i < gps; i++) {
            list.add(entry(String.format("urn:nld:kvk:1%07d", i), "GP_PRACTICE", "Huisartsenpraktijk " + i));
        }
        for (int i = 0; i < providers; i++) {
            list.add(entry(String.format("urn:nld:kvk:2%07d", i), "PROVIDER", "Aanbieder " + i));
        }
        return list;
    }

    private static Map<String, String> entry(String id, String role, String name) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("role", role);
        e.put("name", name);
        e.put("nodeUrl", "https://node-" + id.substring(id.lastIndexOf(':') + 1) + ".example:8443");
        try {
            e.put("certificateSha256", HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        return e;
    }

    /** Topics (not Kafka's own), partitions and ACLs the broker holds, read as the operator. */
    private static int[] counts(Path dir, String bootstrapServers) throws IOException {
        Map<String, Object> client = new LinkedHashMap<>(BrokerSecurity.clientSslProperties(
                Files.readString(dir.resolve("operator.crt")), Files.readString(dir.resolve("operator.key")),
                Files.readString(dir.resolve("ca.crt"))));
        client.put("bootstrap.servers", bootstrapServers);
        client.put("default.api.timeout.ms", (int) Duration.ofMinutes(5).toMillis());
        try (Admin admin = Admin.create(client)) {
            Set<String> topics = admin.listTopics().names().get(5, TimeUnit.MINUTES);
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.MINUTES);
            int partitions = described.values().stream().mapToInt(d -> d.partitions().size()).sum();
            int acls = admin.describeAcls(AclBindingFilter.ANY).values().get(5, TimeUnit.MINUTES).size();
            return new int[] {topics.size(), partitions, acls};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not count what the broker holds: " + e, e);
        }
    }

    private static void write(NodeCredentials credentials, Path dir, String stem) {
        credentials.writePem(dir.resolve(stem + ".crt"), dir.resolve(stem + ".key"));
    }

    /** The secured broker as an OS process of its own, on the one port of this size, so a restart is where its metadata says. */
    private static BrokerProcess broker(Path dir) throws IOException {
        return BrokerProcess.start(dir.resolve("kafka"), freePortOnce(dir), dir.resolve("broker.log"),
                new BrokerProcess.Tls(dir.resolve("broker.crt"), dir.resolve("broker.key"), dir.resolve("ca.crt"),
                        "urn:nld:kvk:" + OPERATOR_KVK));
    }

    /** One port per size, chosen the first time, so the restarted broker is where its metadata says it is. */
    private static int freePortOnce(Path dir) throws IOException {
        Path file = dir.resolve("port");
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file).trim());
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            Files.writeString(file, Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        }
    }
}
