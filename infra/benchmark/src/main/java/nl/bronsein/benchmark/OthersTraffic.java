package nl.bronsein.benchmark;

import java.time.Duration;

/**
 * What the network's size costs a node (issue 21): the municipality node's CPU while the GP records referrals for
 * another municipality as fast as it can, next to its CPU over as long a time with nothing sent at all. Notifications
 * are addressed — each goes to its addressee's inbox topic, which only the addressee may read — so traffic for others
 * should reach this node not at all; a shared topic would make it fetch, decode and drop every one of them. The node
 * runs whole (listener and inbox handling), in its own process, whose CPU time Linux counts.
 */
final class OthersTraffic {

    /**
     * @param quietCpu   the node's CPU time over {@code seconds} with no traffic in the network
     * @param busyCpu    its CPU time while the GP recorded {@code changes} referrals for the other municipality
     * @param seconds    how long the busy window took (the quiet one is as long)
     */
    record Figure(long changes, double seconds, Duration quietCpu, Duration busyCpu) {

        double othersPerSecond() {
            return changes / seconds;
        }

        /** The node's CPU as a share of one core. */
        double quietShare() {
            return quietCpu.toNanos() / 1e9 / seconds;
        }

        double busyShare() {
            return busyCpu.toNanos() / 1e9 / seconds;
        }
    }

    /** A node just started is still compiling and settling; its quiet is measured after this. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private OthersTraffic() {
    }

    static Figure measure(BenchNetwork network, DatabaseServer server, StaffApi gp, int clients, long changes)
            throws InterruptedException {
        if (!network.ownProcesses()) {
            throw new IllegalStateException("a node's CPU is its process's: others-traffic needs the nodes in processes "
                    + "of their own (not --one-jvm)");
        }
        BenchNode municipality = network.startMunicipality(server.create("municipality_others"), true);
        try {
            network.awaitListening(Member.MUNICIPALITY);
            Thread.sleep(SETTLE.toMillis());
            StaffApi forOthers = gp.addressedTo(Member.OTHER_MUNICIPALITY);
            Duration before = municipality.cpuTime().orElseThrow();
            long start = System.nanoTime();
            ClosedLoop.run(clients, changes, false, n -> i -> forOthers.record());
            long busyNanos = System.nanoTime() - start;
            Duration busy = municipality.cpuTime().orElseThrow().minus(before);

            Duration quietStart = municipality.cpuTime().orElseThrow();
            Thread.sleep(Duration.ofNanos(busyNanos).toMillis());
            Duration quiet = municipality.cpuTime().orElseThrow().minus(quietStart);
            long received = municipality.database().sql("select count(*) from inbox_entry").query(Long.class).single();
            if (received != 0) {
                throw new IllegalStateException("the municipality took in " + received + " notifications addressed to "
                        + "another municipality");
            }
            return new Figure(changes, busyNanos / 1e9, quiet, busy);
        } finally {
            network.stop(municipality);
        }
    }
}
