package nl.bronsein.devpki;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DERPrintableString;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Command line: creates a dev CA and node certificates in a directory, reusing what is already there.
 *
 * <pre>
 * dev-pki --out DIR --participant ORGANISATION:SERIALNUMBER:FILESTEM [--participant ...] [--dns NAME ...]
 *         [--ca-name NAME]
 * </pre>
 *
 * <p>Creates {@code DIR/ca.crt} + {@code DIR/ca.key} if missing (reuses them if present) and, per participant,
 * {@code DIR/<fileStem>.crt} (leaf then CA) + {@code DIR/<fileStem>.key} (PKCS#8) if missing. Node certificates get
 * SAN localhost, 127.0.0.1 and every {@code --dns} name. The organisation name may itself contain ':' (the last two
 * ':' separate the fields). Prints one line per participant on stdout:
 * {@code <fileStem> <serialNumber> <sha256 fingerprint> issued|existing}.
 *
 * <p>Exit codes: 0 done, 1 failed (unreadable or inconsistent files), 2 bad arguments (one-line message and usage on
 * stderr). {@link #run(String[], PrintStream, PrintStream)} does everything except {@code System.exit}.
 */
@Command(name = "dev-pki", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = DevPkiMain.Version.class,
        description = "Creates a development CA and node certificates (PEM) in a directory, reusing what is there.",
        exitCodeOnInvalidInput = DevPkiMain.EXIT_USAGE, exitCodeOnExecutionException = DevPkiMain.EXIT_FAILURE)
public final class DevPkiMain implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    public static final String DEFAULT_CA_NAME = "Bronsein development CA";

    private static final Pattern FILE_STEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @Option(names = "--out", required = true, paramLabel = "DIR", converter = DirectoryConverter.class,
            description = "directory for ca.crt/ca.key and FILESTEM.crt/FILESTEM.key (created if missing)")
    Path out;

    @Option(names = "--participant", paramLabel = "O:S:F", converter = ParticipantConverter.class,
            description = "organisation name (subject O and CN), subject serialNumber (OIN or KvK number), file stem;"
                    + " repeatable; existing files are kept")
    List<Participant> participants = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "NAME", converter = NonBlankConverter.class,
            description = "extra DNS name for newly issued node certificates (besides localhost, 127.0.0.1);"
                    + " repeatable")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--ca-name", paramLabel = "NAME", defaultValue = DEFAULT_CA_NAME,
            converter = NonBlankConverter.class,
            description = "common name of a newly created CA (default: ${DEFAULT-VALUE})")
    String caName;

    @Spec
    CommandSpec spec;

    private PrintStream warnings = System.err;

    /** One {@code --participant ORGANISATION:SERIALNUMBER:FILESTEM}. */
    public record Participant(String organisationName, String serialNumber, String fileStem) {
        public Participant {
            Objects.requireNonNull(organisationName, "organisationName");
            Objects.requireNonNull(serialNumber, "serialNumber");
            Objects.requireNonNull(fileStem, "fileStem");
        }
    }

    /** What to create or reuse. */
    public record Options(Path out, List<Participant> participants, List<String> dnsNames, String caName) {
        public Options {
            participants = List.copyOf(participants);
            dnsNames = List.copyOf(dnsNames);
        }
    }

    /** The files of one participant after {@link #ensure(Options, PrintStream)}. */
    public record ParticipantFiles(Participant participant, Path certificatePem, Path privateKeyPem,
                                   String sha256Fingerprint, boolean issued) {
    }

    /** The version of this jar (its manifest), or a development build's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DevPkiMain.class.getPackage().getImplementationVersion();
            return new String[] {"dev-pki " + (version == null ? "(development build)" : version)};
        }
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Everything {@link #main(String[])} does, returning the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DevPkiMain command = new DevPkiMain();
        command.warnings = err;
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, arguments) -> {
                    CommandLine line = e.getCommandLine();
                    line.getErr().println("dev-pki: " + oneLine(e.getMessage()));
                    line.usage(line.getErr());
                    return EXIT_USAGE;
                })
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                            || e instanceof UncheckedIOException) {
                        line.getErr().println("dev-pki: " + oneLine(e.getMessage()));
                        return EXIT_FAILURE;
                    }
                    throw e;
                })
                .execute(args);
    }

    /**
     * The options of a command line, for Java code that runs dev-pki in-process.
     *
     * @throws ParameterException with a one-line message for anything wrong
     */
    public static Options parse(String... args) {
        DevPkiMain command = new DevPkiMain();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (ParticipantFiles files : ensure(options(), warnings)) {
            out.println(files.participant().fileStem() + " " + files.participant().serialNumber() + " "
                    + files.sha256Fingerprint() + " " + (files.issued() ? "issued" : "existing"));
        }
        out.flush();
        return EXIT_OK;
    }

    /** The parsed options; a file stem or serial number used twice is refused. */
    Options options() {
        Set<String> stems = new HashSet<>();
        Set<String> serialNumbers = new HashSet<>();
        for (Participant participant : participants) {
            if (!stems.add(participant.fileStem().toLowerCase(java.util.Locale.ROOT))) {
                throw new ParameterException(spec.commandLine(), "file stem used twice: " + participant.fileStem());
            }
            if (!serialNumbers.add(participant.serialNumber())) {
                throw new ParameterException(spec.commandLine(),
                        "serial number used twice: " + participant.serialNumber());
            }
        }
        return new Options(out, participants, new ArrayList<>(new LinkedHashSet<>(dnsNames)), caName);
    }

    /**
     * Creates or reuses the CA and each participant's files in {@code options.out()}; warnings (e.g. an existing
     * certificate that has expired) go to {@code warnings}.
     *
     * @throws IllegalArgumentException if existing files are incomplete or do not fit together
     * @throws UncheckedIOException     if files cannot be read or written
     */
    public static List<ParticipantFiles> ensure(Options options, PrintStream warnings) {
        Path dir = options.out();
        DevCertificateAuthority ca = ensureCa(dir, options.caName());
        List<String> dnsNames = new ArrayList<>(List.of("localhost"));
        options.dnsNames().stream().filter(n -> !dnsNames.contains(n)).forEach(dnsNames::add);
        List<ParticipantFiles> result = new ArrayList<>();
        for (Participant participant : options.participants()) {
            Path crt = dir.resolve(participant.fileStem() + ".crt");
            Path key = dir.resolve(participant.fileStem() + ".key");
            boolean crtExists = Files.exists(crt);
            boolean keyExists = Files.exists(key);
            if (crtExists && keyExists) {
                NodeCredentials existing = NodeCredentials.load(crt, key);
                checkExisting(existing, ca, participant, crt, warnings);
                result.add(new ParticipantFiles(participant, crt, key, existing.sha256Fingerprint(), false));
            } else if (crtExists || keyExists) {
                throw new IllegalArgumentException(incomplete(crtExists ? crt : key, crtExists ? key : crt));
            } else {
                NodeCertificateRequest request = NodeCertificateRequest
                        .of(participant.organisationName(), participant.serialNumber())
                        .withDnsNames(dnsNames);
                NodeCredentials issued = ca.issue(request);
                issued.writePem(crt, key);
                result.add(new ParticipantFiles(participant, crt, key, issued.sha256Fingerprint(), true));
            }
        }
        return List.copyOf(result);
    }

    private static DevCertificateAuthority ensureCa(Path dir, String caName) {
        Path crt = dir.resolve("ca.crt");
        Path key = dir.resolve("ca.key");
        boolean crtExists = Files.exists(crt);
        boolean keyExists = Files.exists(key);
        if (crtExists && keyExists) {
            return DevCertificateAuthority.load(crt, key);
        }
        if (crtExists || keyExists) {
            throw new IllegalArgumentException(incomplete(crtExists ? crt : key, crtExists ? key : crt));
        }
        DevCertificateAuthority ca = DevCertificateAuthority.generate(caName);
        ca.writeTo(crt, key);
        return ca;
    }

    private static void checkExisting(NodeCredentials existing, DevCertificateAuthority ca, Participant participant,
                                      Path crt, PrintStream warnings) {
        X509Certificate leaf = existing.certificate();
        try {
            leaf.verify(ca.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(crt + " was not issued by the CA in " + crt.resolveSibling("ca.crt")
                    + "; delete " + crt + " and its key to reissue");
        }
        String serialNumber = CertificateSubjects.serialNumber(leaf).orElse("(none)");
        if (!serialNumber.equals(participant.serialNumber())) {
            throw new IllegalArgumentException(crt + " has serialNumber " + serialNumber + ", not "
                    + participant.serialNumber() + "; delete " + crt + " and its key to reissue");
        }
        if (leaf.getNotAfter().toInstant().isBefore(Instant.now())) {
            warnings.println("dev-pki: warning: " + crt + " expired at " + leaf.getNotAfter().toInstant()
                    + "; delete it and its key to reissue");
        }
    }

    private static String incomplete(Path present, Path missing) {
        return present + " exists but " + missing + " does not; delete " + present + " to regenerate both";
    }

    /** A directory path that is not empty. */
    static final class DirectoryConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("not a valid path: " + value);
            }
        }
    }

    /** A value that is not blank. */
    static final class NonBlankConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            return value;
        }
    }

    /** {@code ORGANISATION:SERIALNUMBER:FILESTEM}, split at the last two colons. */
    static final class ParticipantConverter implements ITypeConverter<Participant> {
        @Override
        public Participant convert(String value) {
            int last = value.lastIndexOf(':');
            int middle = last > 0 ? value.lastIndexOf(':', last - 1) : -1;
            if (middle < 0) {
                throw new TypeConversionException("must be ORGANISATION:SERIALNUMBER:FILESTEM, got: " + value);
            }
            String organisationName = value.substring(0, middle).strip();
            String serialNumber = value.substring(middle + 1, last).strip();
            String fileStem = value.substring(last + 1).strip();
            if (organisationName.isEmpty()) {
                throw new TypeConversionException(value + ": organisation name is empty");
            }
            if (serialNumber.isEmpty() || !DERPrintableString.isPrintableString(serialNumber)) {
                throw new TypeConversionException(value
                        + ": serial number must be non-empty PrintableString (e.g. an OIN or KvK number)");
            }
            if (!FILE_STEM.matcher(fileStem).matches() || fileStem.equalsIgnoreCase("ca")) {
                throw new TypeConversionException(value
                        + ": file stem must match [A-Za-z0-9][A-Za-z0-9._-]* and not be 'ca'");
            }
            return new Participant(organisationName, serialNumber, fileStem);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
