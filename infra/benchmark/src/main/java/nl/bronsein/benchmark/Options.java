package nl.bronsein.benchmark;

import java.time.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run. {@code --quick} shrinks every count for a smoke run of a minute or two; options given explicitly win.
 *
 * @param millionPath how the million changes are made; null = through the API if that fits in its budget
 * @param clients     staff clients for the throughput figures; 0 = find the number that saturates the node
 */
record Options(List<DatabaseKind> databases, long changes, long million, MillionChanges.Path millionPath, int clients,
               int latencySeconds, long pulls, int pullClients, int participants, boolean quick) {

    static final String USAGE = """
            usage: ./benchmark [--quick] [--databases h2,postgres] [--changes N] [--million N] [--million-via api|service]
                               [--clients N] [--latency-seconds N] [--pulls N] [--pull-clients N] [--participants N]
              --quick              a smoke run: small counts everywhere (default counts in brackets below)
              --databases LIST     h2, postgres or both, one after the other [h2,postgres]
              --changes N          changes for the throughput and plain-JDBC figures [20000; quick 500]
              --million N          changes in the outbox for the heap and outbox-size figures [1000000; quick 5000]
              --million-via PATH   api: the staff API; service: the node's ReferralService in-process (same transaction
                                   and relay); default: the API if it would take at most 10 minutes, else the service
              --clients N          staff clients for throughput; default: tried 1..32, the smallest that saturates
              --latency-seconds N  how long the half-rate load for commit-to-consumer latency runs [30; quick 5]
              --pulls N            pulls measured, and as many plain GETs [20000; quick 1000]
              --pull-clients N     concurrent keep-alive clients for pulls and plain GETs [4]
              --participants N     a provisioned secured broker of N participants (and of N/10), extrapolated to the
                                   real network's 15,342; 0 = skip [1500; quick 150]
            """;

    private static final List<String> VALUED = List.of("--databases", "--changes", "--million", "--million-via",
            "--clients", "--latency-seconds", "--pulls", "--pull-clients", "--participants");

    /** A command line that cannot be run. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Help was asked for. */
    static final class HelpRequested extends Exception {
        HelpRequested() {
            super("help");
        }
    }

    static Options parse(String... args) throws UsageException, HelpRequested {
        Map<String, String> given = new HashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (!VALUED.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(arg + " needs a value");
            }
            given.put(name, value);
        }
        return new Options(
                databases(given.getOrDefault("--databases", "h2,postgres")),
                number(given, "--changes", quick ? 500 : 20_000, 1),
                number(given, "--million", quick ? 5_000 : 1_000_000, 1),
                millionPath(given.get("--million-via")),
                (int) number(given, "--clients", 0, 0),
                (int) number(given, "--latency-seconds", quick ? 5 : 30, 1),
                number(given, "--pulls", quick ? 1_000 : 20_000, 1),
                (int) number(given, "--pull-clients", 4, 1),
                (int) number(given, "--participants", quick ? 150 : 1_500, 0),
                quick);
    }

    private static List<DatabaseKind> databases(String list) throws UsageException {
        List<DatabaseKind> kinds = new ArrayList<>();
        for (String name : list.split(",")) {
            DatabaseKind kind = DatabaseKind.fromOption(name)
                    .orElseThrow(() -> new UsageException("--databases: unknown database " + name + " (h2, postgres)"));
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return List.copyOf(kinds);
    }

    private static MillionChanges.Path millionPath(String name) throws UsageException {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "api" -> MillionChanges.Path.API;
            case "service" -> MillionChanges.Path.SERVICE;
            default -> throw new UsageException("--million-via: api or service, not " + name);
        };
    }

    private static long number(Map<String, String> given, String name, long fallback, long min) throws UsageException {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (parsed < min) {
                throw new UsageException(name + " must be at least " + min + ": " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number: " + value);
        }
    }

    /** Changes recorded before anything is measured: connections, JIT, the relay's producer. */
    long warmUpChanges() {
        return Math.max(200, changes / 10);
    }

    /** Changes per step when looking for the number of clients that saturates. */
    long sweepChanges() {
        return quick ? 100 : 500;
    }

    /**
     * How long a warm-up may go on waiting for the JIT to settle (see {@link JitWarmUp}): three minutes before the
     * throughput figures, a third of that before the latency and the pulls; none in a quick run, which warms up once.
     */
    Duration warmUpPatience() {
        return quick ? Duration.ZERO : Duration.ofMinutes(3);
    }

    int latencyWarmUpSeconds() {
        return quick ? 2 : 5;
    }

    long pullWarmUp() {
        return Math.max(200, pulls / 5);
    }
}
