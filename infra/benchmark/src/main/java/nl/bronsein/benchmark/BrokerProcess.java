package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nl.bronsein.kafkabroker.KafkaBrokerMain;

/**
 * The KRaft broker as an OS process of its own ({@code KafkaBrokerMain}, as the local network runs it), from this
 * benchmark's own jar or class path, with a heap of its own: secured (mutual TLS, participant principals, ACLs) when
 * given the broker's PEM files, plaintext without.
 */
final class BrokerProcess implements AutoCloseable {

    /** The broker's heap: enough for the 1,500-participant broker of the scale part. */
    static final String HEAP = "-Xmx1g";

    /** The broker's PEM files and the operator it lets do anything. */
    record Tls(Path certificate, Path key, Path ca, String superUser) {
    }

    private final OwnProcess process;
    private final int port;

    private BrokerProcess(OwnProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param tls null for a plaintext broker without ACLs */
    static BrokerProcess start(Path dataDir, int port, Path log, Tls tls) {
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--data-dir",
                dataDir.toString()));
        if (tls != null) {
            arguments.addAll(List.of("--tls-certificate", tls.certificate().toString(), "--tls-key", tls.key().toString(),
                    "--tls-ca", tls.ca().toString(), "--super-user", tls.superUser()));
        }
        List<String> command = new ArrayList<>(KafkaBrokerMain.processCommand(
                Path.of(System.getProperty("java.home"), "bin", "java"), List.of(HEAP),
                Path.of(System.getProperty("java.class.path", "")).toAbsolutePath()));
        command.addAll(arguments);
        // the log is appended to across restarts: only what this start wrote counts
        long before = size(log);
        return new BrokerProcess(OwnProcess.start("the Kafka broker", command, log,
                () -> readFrom(log, before).contains(KafkaBrokerMain.READY)), port);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    OwnProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    private static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readFrom(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
