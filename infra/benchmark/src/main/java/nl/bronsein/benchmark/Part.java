package nl.bronsein.benchmark;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;


/**
 * A part of the run ({@code --parts}): a full run takes every one; a comparison of two builds takes only the parts it
 * compares (e.g. {@code --parts throughput,pulls}), so that it finishes in minutes and leaves less room for a shared
 * machine's other work to move the figures.
 */
enum Part {
    /** The warm-up through the staff API, the sweep of clients and the sustained changes/s. */
    THROUGHPUT,
    /** The same insert + commit with plain JDBC, and the ratio. */
    PLAIN_JDBC,
    /** Commit → consumer at half the sustained rate. */
    LATENCY,
    /** GP commit → case opened at the municipality (its pull included), at half the sustained rate. */
    CASE_OPENED,
    /** Mutual-TLS pulls under load and alone, and the plain loopback floor. */
    PULLS,
    /** A municipality node away while the GP recorded {@code --catch-up} referrals for it, catching up. */
    CATCH_UP,
    /** The municipality node's CPU while the GP records referrals for another municipality, and with no traffic at all. */
    OTHERS_TRAFFIC,
    /** Heap and outbox after the million changes. */
    MILLION,
    /** Throughput and latency again through a plaintext broker. */
    PLAINTEXT,
    /** The Spring Modulith peer: its changes/s and commit → consumer, beside Bronsein's. */
    PEER,
    /** The processing log's queries over many rows (PostgreSQL only). */
    PROCESSING_LOG,
    /** A provisioned secured broker at scale (once, after the databases). */
    BROKER_SCALE;

    /** The parts that run on a node with its secured broker. */
    static final Set<Part> ON_THE_NETWORK = Set.of(THROUGHPUT, PLAIN_JDBC, LATENCY, CASE_OPENED, PULLS, CATCH_UP,
            OTHERS_TRAFFIC, PEER, MILLION);

    /** The parts of a full run: every one. */
    static EnumSet<Part> all() {
        return EnumSet.allOf(Part.class);
    }

    /** Its name on the command line: {@code plain-jdbc}, {@code processing-log}. */
    String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Part> fromOption(String value) {
        return Arrays.stream(values()).filter(p -> p.option().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * Why these parts cannot run together, if they cannot: the latency's rate is half the measured throughput, the
     * plain-JDBC figure is a ratio to it, and the plaintext run repeats both at the secured run's clients and rate.
     */
    static Optional<String> missing(Set<Part> parts) {
        if (parts.contains(LATENCY) && !parts.contains(THROUGHPUT)) {
            return Optional.of("latency needs throughput (its rate is half the sustained rate)");
        }
        if (parts.contains(CASE_OPENED) && !parts.contains(THROUGHPUT)) {
            return Optional.of("case-opened needs throughput (its rate is half the sustained rate)");
        }
        if (parts.contains(PLAIN_JDBC) && !parts.contains(THROUGHPUT)) {
            return Optional.of("plain-jdbc needs throughput (its figure is a ratio to it)");
        }
        if (parts.contains(PLAINTEXT) && !(parts.contains(THROUGHPUT) && parts.contains(LATENCY))) {
            return Optional.of("plaintext needs throughput and latency (it repeats them through a plaintext broker)");
        }
        return Optional.empty();
    }
}
