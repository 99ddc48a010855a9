package nl.bronsein.localnetwork;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import nl.bronsein.localnetwork.Participants.Participant;
import nl.bronsein.staffclient.StaffClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar local-network.jar [run|demo] [options]} ({@code ./network}): {@code run}, the default, starts a
 * local network until Ctrl-C; {@code demo} plays the story against a running one.
 *
 * <p>Exit codes: 0 after --help or a successful demo, 1 when the network cannot start, stops because the broker or a node
 * kept dying (it is restarted up to {@link LocalNetwork#MAX_RESTARTS} times), or the demo fails, 2 for bad arguments.
 * A network stopped with Ctrl-C / SIGTERM exits as the JVM does on a signal.
 */
@Command(name = "local-network", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = LocalNetworkMain.Version.class,
        subcommands = {LocalNetworkMain.RunCommand.class, LocalNetworkMain.DemoCommand.class, HelpCommand.class},
        description = LocalNetworkMain.RunCommand.DESCRIPTION, footer = LocalNetworkMain.FOOTER,
        exitCodeOnInvalidInput = LocalNetworkMain.EXIT_USAGE,
        exitCodeOnExecutionException = LocalNetworkMain.EXIT_FAILURE)
public final class LocalNetworkMain implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    /** The line printed once the network is up (LocalNetworkLaunchIT waits for it). */
    static final String READY = "Bronsein local network is up";
    /** The last line printed once the network is up. */
    static final String READY_LAST_LINE = "Press Ctrl-C to stop; a next start goes on with the same data.";

    static final String FOOTER = "%nWithout a command: run. local-network demo --help for the demo's options.";

    /** {@code run}'s options, given without a command too. */
    @Mixin
    NetworkOptionsMixin network;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** The version of this jar (its manifest), or a development build's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LocalNetworkMain.class.getPackage().getImplementationVersion();
            return new String[] {"local-network " + (version == null ? "(development build)" : version)};
        }
    }

    /** Starts the network: {@code local-network run [options]}, the same as without a command. */
    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            versionProvider = LocalNetworkMain.Version.class, description = RunCommand.DESCRIPTION)
    static final class RunCommand implements Callable<Integer> {

        static final String DESCRIPTION = "Starts a local network until Ctrl-C: dev PKI, participant list, a Kafka "
                + "broker, a development OpenID Connect provider, a GP practice node, a municipality node and a care "
                + "provider node. Everything is kept in "
                + "DATA_DIR, so a second start goes on with the same certificates, topics and databases.";

        @Mixin
        NetworkOptionsMixin network;

        @ParentCommand
        LocalNetworkMain main;

        @Override
        public Integer call() {
            return runNetwork(network.options(), main.out, main.err);
        }
    }

    /** Plays the story against a running network: {@code local-network demo [options]}. */
    @Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
            versionProvider = LocalNetworkMain.Version.class,
            description = "Plays Mrs De Vries's story against a running network: every node publishes its contact "
                    + "point; the GP refers her to the municipality (wheelchair) and directly to the provider (welfare "
                    + "coach); the municipality picks the case up, grants, assigns the provider and concludes; the "
                    + "provider accepts and starts care on both; the GP changes her contact person and every holder "
                    + "sees it. Then youth care (Jeugdwet): the GP refers Sem (14) directly to the provider, which "
                    + "asks the municipality for the assignment and starts care once granted. Then the GP's timelines "
                    + "and where to look.")
    static final class DemoCommand implements Callable<Integer> {

        static final String DEFAULT_GP_URL = "http://127.0.0.1:" + NetworkOptions.DEFAULT_GP_STAFF_PORT;
        static final String DEFAULT_MUNICIPALITY_URL = "http://127.0.0.1:"
                + NetworkOptions.DEFAULT_MUNICIPALITY_STAFF_PORT;
        static final String DEFAULT_PROVIDER_URL = "http://127.0.0.1:" + NetworkOptions.DEFAULT_PROVIDER_STAFF_PORT;

        @Option(names = "--gp", paramLabel = "URL", defaultValue = DEFAULT_GP_URL, converter = UrlConverter.class,
                description = "GP node staff API (default ${DEFAULT-VALUE})")
        URI gp;

        @Option(names = "--municipality", paramLabel = "URL", defaultValue = DEFAULT_MUNICIPALITY_URL,
                converter = UrlConverter.class, description = "municipality node staff API (default ${DEFAULT-VALUE})")
        URI municipality;

        @Option(names = "--provider", paramLabel = "URL", defaultValue = DEFAULT_PROVIDER_URL,
                converter = UrlConverter.class, description = "provider node staff API (default ${DEFAULT-VALUE})")
        URI provider;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = NetworkOptions.DEFAULT_DATA_DIR,
                converter = NetworkOptionsMixin.PathConverter.class,
                description = "the running network's data directory, where the demo reads the nodes' development "
                        + "staff tokens (default ${DEFAULT-VALUE})")
        Path dataDir;

        @ParentCommand
        LocalNetworkMain main;

        @Override
        public Integer call() {
            return demo(this, main.out, main.err);
        }
    }

    /** An http(s) URL, without a trailing slash. */
    static final class UrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = new URI(value.strip());
            } catch (URISyntaxException e) {
                throw new TypeConversionException("not a valid URL: '" + value + "'");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new TypeConversionException("must be an http(s) URL such as " + DemoCommand.DEFAULT_GP_URL
                        + ", got '" + value + "'");
            }
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        LocalNetworkMain main = new LocalNetworkMain();
        main.out = out;
        main.err = err;
        return commandLine(main, out, err).execute(args);
    }

    /** The command line: a bad argument is one line, the synopsis and where to find the rest, on {@code err}. */
    static CommandLine commandLine(LocalNetworkMain main, PrintStream out, PrintStream err) {
        // wide enough that a default URL is not broken at its port
        return new CommandLine(main)
                .setUsageHelpWidth(120)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine line = e.getCommandLine();
                    line.getErr().println("local-network: " + e.getMessage());
                    line.getErr().print(line.getHelp().fullSynopsis());
                    line.getErr().println("(--help for all options)");
                    return EXIT_USAGE;
                });
    }

    @Override
    public Integer call() {
        return runNetwork(network.options(), out, err);
    }

    private static int demo(DemoCommand demo, PrintStream out, PrintStream err) {
        try {
            Map<URI, String> tokens = Map.of();
            try {
                Map<String, String> issued = NetworkFiles.readStaffTokens(demo.dataDir);
                tokens = Map.of(demo.gp, issued.get("gp"), demo.municipality, issued.get("municipality"),
                        demo.provider, issued.get("provider"));
            } catch (IOException e) {
                // the nodes will say 401 if they need one; the network may simply not be running
                out.println("No staff tokens in " + demo.dataDir + "/staff-tokens: calling without (pass the"
                        + " network's --data-dir if it is elsewhere).");
            }
            Demo.Result result = new Demo(demo.gp, demo.municipality, demo.provider, tokens, out,
                    Demo.DEFAULT_WAIT, Clock.systemUTC()).run();
            out.printf(Locale.ROOT, "Demo done in %.1f s.%n", result.duration().toMillis() / 1000.0);
            return EXIT_OK;
        } catch (Demo.DemoException e) {
            err.println("local-network demo: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static int runNetwork(NetworkOptions options, PrintStream out, PrintStream err) {
        Path nodesDir = options.nodesDir() != null ? options.nodesDir() : defaultNodesDir();
        LocalNetwork network = new LocalNetwork(options, nodesDir, out);
        Thread hook = new Thread(network::stop, "local-network-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            network.start();
        } catch (LocalNetwork.StartException e) {
            if (network.isStopping()) {
                return EXIT_FAILURE; // Ctrl-C during startup: the shutdown hook is stopping everything
            }
            err.println("local-network: " + e.getMessage());
            if (e.child() != null) {
                printLogTail(e.child(), err);
            }
            stopAfterFailure(network, hook);
            return EXIT_FAILURE;
        } catch (RuntimeException e) {
            err.println("local-network: cannot start: " + LocalNetwork.oneLine(String.valueOf(e)));
            stopAfterFailure(network, hook);
            return EXIT_FAILURE;
        }
        printReady(network, options, out);

        try {
            while (true) {
                ChildProcess died = network.awaitUnexpectedExit();
                Thread.sleep(500); // a Ctrl-C reaches the nodes too: give the shutdown hook a moment to say so
                if (network.isStopping()) {
                    Thread.sleep(Long.MAX_VALUE); // the shutdown hook is stopping everything; the JVM ends after it
                }
                // A node that died alone is not a network that died: the others keep serving (a GP's requests in
                // flight failed when the launcher stopped everything for one node's death).
                String what = died.label() + " exited unexpectedly with "
                        + ChildProcess.exitDescription(died.process().exitValue());
                if (!network.mayRestart(died)) {
                    err.println("local-network: " + what + ", after " + LocalNetwork.MAX_RESTARTS + " restarts within "
                            + LocalNetwork.RESTART_WINDOW.toMinutes() + " minutes; stopping the network (its log: "
                            + died.log() + ")");
                    printLogTail(died, err);
                    break;
                }
                err.println("local-network: " + what + "; restarting it (its log: " + died.log() + ")");
                printLogTail(died, err);
                Optional<String> failed = network.restart(died);
                if (failed.isPresent()) {
                    if (network.isStopping()) {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    err.println("local-network: " + failed.get() + " after a restart; stopping the network");
                    printLogTail(died, err);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAfterFailure(network, hook);
        return EXIT_FAILURE;
    }

    private static void stopAfterFailure(LocalNetwork network, Thread hook) {
        network.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
    }

    private static void printLogTail(ChildProcess child, PrintStream err) {
        err.println("---- last " + LocalNetwork.LOG_TAIL_LINES + " lines of " + child.log() + " ----");
        child.logTail(LocalNetwork.LOG_TAIL_LINES).forEach(err::println);
        err.println("---- end of " + child.log() + " ----");
    }

    private static void printReady(LocalNetwork network, NetworkOptions options, PrintStream out) {
        NetworkFiles files = network.files();
        String gpApi = staffApi(options, Participants.GP);
        String municipalityApi = staffApi(options, Participants.MUNICIPALITY);
        String n = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append(n).append(String.format(Locale.ROOT, "%s (started in %.1f s).%n", READY,
                network.startupTime().toMillis() / 1000.0));
        text.append("  Kafka broker        ").append(network.bootstrapServers()).append(n);
        text.append("  Identity provider   ").append(options.idpIssuer()).append(" (development users, passwords in ")
                .append(files.devCredentials()).append(")").append(n);
        for (Participant participant : Participants.ALL) {
            text.append(String.format("  %-19s %s (%s)%n", capitalise(participant.label()), participant.name(),
                    participant.id()));
            text.append("    staff pages       ").append(staffApi(options, participant)).append("/").append(n);
            text.append("    staff API         ").append(staffApi(options, participant))
                    .append(Demo.mainResource(participant)).append(n);
            text.append("    network (mTLS)    https://localhost:").append(options.port(participant)).append(n);
            text.append(signInLines(network.credentials().users(participant)));
        }
        text.append("  Data                ").append(files.dataDir()).append(n);
        text.append("  Logs                ").append(files.logsDir()).append(" (")
                .append(String.join(", ", Participants.ALL.stream().map(p -> p.stem() + ".log").toList()))
                .append(", kafka.log, identity-provider.log)").append(n);
        text.append(n).append("Try it, in another terminal (paste the lines as they are: each finds the ids the one")
                .append(n).append("before it made; the staff APIs want a development token, from ")
                .append(files.staffToken(Participants.GP).getParent()).append("):").append(n);
        text.append(tryItCommands(files, gpApi, municipalityApi));
        text.append("The whole story, through the provider too: ").append(demoCommand(options, files));
        text.append(n).append(n).append(READY_LAST_LINE).append(n);
        out.print(text);
        out.flush();
    }

    /**
     * Each development user of a node with its password, printed on purpose: they are made-up staff of a development
     * network, and a developer needs them to sign in at the staff pages.
     */
    static String signInLines(List<IdentityProviderProcess.User> users) {
        StringBuilder lines = new StringBuilder();
        String label = "    sign in as        ";
        for (IdentityProviderProcess.User user : users) {
            lines.append(label).append(user.username()).append(" / ").append(user.password()).append(" (")
                    .append(String.join(", ", user.roles())).append(")").append(System.lineSeparator());
            label = " ".repeat(label.length());
        }
        return lines.toString();
    }

    /** The demo's command line for this network: {@code ./network demo} and only the options that differ. */
    static String demoCommand(NetworkOptions options, NetworkFiles files) {
        StringBuilder command = new StringBuilder("./network demo");
        if (options.gpStaffPort() != NetworkOptions.DEFAULT_GP_STAFF_PORT
                || options.municipalityStaffPort() != NetworkOptions.DEFAULT_MUNICIPALITY_STAFF_PORT
                || options.providerStaffPort() != NetworkOptions.DEFAULT_PROVIDER_STAFF_PORT) {
            command.append(" --gp ").append(staffApi(options, Participants.GP))
                    .append(" --municipality ").append(staffApi(options, Participants.MUNICIPALITY))
                    .append(" --provider ").append(staffApi(options, Participants.PROVIDER));
        }
        // NetworkFiles holds the absolute path: compared with the relative default as it was, it never matched
        if (!files.dataDir().equals(Path.of(NetworkOptions.DEFAULT_DATA_DIR).toAbsolutePath().normalize())) {
            command.append(" --data-dir ").append(files.dataDir());
        }
        return command.toString();
    }

    /**
     * The first steps of the story as shell commands a user can paste: each keeps the id it gets in a variable the next
     * one uses (placeholders such as CASE_ID failed with 400 when pasted). Only curl and sed, which every Unix-like
     * machine has; the case appears once the municipality pulled the referral, so its line waits for it.
     */
    static String tryItCommands(NetworkFiles files, String gpApi, String municipalityApi) {
        String n = System.lineSeparator();
        String gpToken = " -H \"Authorization: Bearer $(cat " + files.staffToken(Participants.GP) + ")\"";
        String municipalityToken = " -H \"Authorization: Bearer $(cat " + files.staffToken(Participants.MUNICIPALITY)
                + ")\"";
        String json = " -H 'Content-Type: application/json'";
        String firstId = " | sed -n 's/^{\"id\":\"\\([^\"]*\\)\".*/\\1/p'";
        return "  # 1. the wijkteam publishes its contact point" + n
                + "  CONTACT_POINT=$(curl -s -X POST " + municipalityApi + "/api/v1/contact-points" + municipalityToken
                + json + " -d '" + StaffClient.json(Demo.MUNICIPALITY_CONTACT_POINT) + "'" + firstId + "); echo \"contact point"
                + " $CONTACT_POINT\"" + n
                + "  # 2. the GP refers Mrs De Vries (82) to Gemeente Zwolle" + n
                + "  REFERRAL=$(curl -s -X POST " + gpApi + "/api/v1/referrals" + gpToken + json + " -d '"
                + StaffClient.json(Demo.referral(Instant.now())) + "'" + firstId + "); echo \"referral $REFERRAL\"" + n
                + "  # 3. the municipality pulls the referral and opens a case for it (waits until it has)" + n
                + "  until CASE=$(curl -s " + municipalityApi + "/api/v1/cases" + municipalityToken
                + " | sed -n \"s/.*\\\"id\\\":\\\"\\([^\\\"]*\\)\\\"[^{}]*\\\"referralId\\\":\\\"$REFERRAL\\\".*/\\1/p\");"
                + " [ -n \"$CASE\" ]; do sleep 1; done; echo \"case $CASE\"" + n
                + "  # 4. the wijkteam picks the case up" + n
                + "  curl -s -X POST " + municipalityApi + "/api/v1/cases/$CASE/pick-up" + municipalityToken + json
                + " -d \"{\\\"contactPointId\\\":\\\"$CONTACT_POINT\\\"}\"" + n
                + "  # 5. the GP's timeline shows ARRIVED and PICKED_UP (once the GP pulled the picked-up case)" + n
                + "  curl -s " + gpApi + "/api/v1/referrals/$REFERRAL/timeline" + gpToken + n;
    }

    private static String staffApi(NetworkOptions options, Participant participant) {
        return "http://127.0.0.1:" + options.staffPort(participant);
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** {@code nodes/} next to this launcher's jar (or next to its classes directory when run from an IDE). */
    static Path defaultNodesDir() {
        Path location = launcherLocation();
        Path parent = location.getParent();
        return (parent == null ? location : parent).resolve("nodes");
    }

    /** The launcher's jar file (or classes directory); the working directory if it cannot be found. */
    static Path launcherLocation() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty() && !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            Path jar = Path.of(classPath).toAbsolutePath().normalize();
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        CodeSource source = LocalNetworkMain.class.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url != null) {
            String text = url.toString();
            // Spring Boot's nested jars: jar:nested:/path/to/local-network.jar/!BOOT-INF/classes/!/
            if (text.startsWith("jar:nested:")) {
                int end = text.indexOf("/!");
                String file = text.substring("jar:nested:".length(), end < 0 ? text.length() : end);
                return Path.of(URI.create("file:" + file)).toAbsolutePath().normalize();
            }
            if (text.startsWith("jar:file:")) {
                int end = text.indexOf("!/");
                return Path.of(URI.create(text.substring("jar:".length(), end < 0 ? text.length() : end)));
            }
            if ("file".equals(url.getProtocol())) {
                try {
                    return Path.of(url.toURI()).toAbsolutePath().normalize();
                } catch (Exception e) {
                    // fall through
                }
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
