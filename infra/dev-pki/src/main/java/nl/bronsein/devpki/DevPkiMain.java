package nl.bronsein.devpki;

import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DERPrintableString;

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
public final class DevPkiMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    public static final String DEFAULT_CA_NAME = "Bronsein development CA";

    public static final String USAGE = """
            usage: dev-pki --out DIR --participant ORGANISATION:SERIALNUMBER:FILESTEM [--participant ...] \
            [--dns NAME ...] [--ca-name NAME]
              --out DIR            directory for ca.crt/ca.key and FILESTEM.crt/FILESTEM.key (created if missing)
              --participant O:S:F  organisation name (subject O and CN), subject serialNumber (OIN or KvK number),
                                   file stem; repeatable; existing files are kept
              --dns NAME           extra DNS name for newly issued node certificates (besides localhost, 127.0.0.1);
                                   repeatable
              --ca-name NAME       common name of a newly created CA (default: Bronsein development CA)
              --help               this text""";

    private static final Pattern FILE_STEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private DevPkiMain() {
    }

    /** One {@code --participant ORGANISATION:SERIALNUMBER:FILESTEM}. */
    public record Participant(String organisationName, String serialNumber, String fileStem) {
        public Participant {
            Objects.requireNonNull(organisationName, "organisationName");
            Objects.requireNonNull(serialNumber, "serialNumber");
            Objects.requireNonNull(fileStem, "fileStem");
        }
    }

    /** Parsed command line. */
    public record Options(Path out, List<Participant> participants, List<String> dnsNames, String caName,
                          boolean help) {
        public Options {
            participants = List.copyOf(participants);
            dnsNames = List.copyOf(dnsNames);
        }
    }

    /** The files of one participant after {@link #ensure(Options, PrintStream)}. */
    public record ParticipantFiles(Participant participant, Path certificatePem, Path privateKeyPem,
                                   String sha256Fingerprint, boolean issued) {
    }

    /** Bad command line: the message is one line, fit for stderr. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
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
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("dev-pki: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(USAGE);
            return EXIT_OK;
        }
        try {
            for (ParticipantFiles files : ensure(options, err)) {
                out.println(files.participant().fileStem() + " " + files.participant().serialNumber() + " "
                        + files.sha256Fingerprint() + " " + (files.issued() ? "issued" : "existing"));
            }
            return EXIT_OK;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("dev-pki: " + oneLine(e.getMessage()));
            return EXIT_FAILURE;
        }
    }

    /**
     * Parses the command line; never exits.
     *
     * @throws UsageException with a one-line message for anything wrong
     */
    public static Options parse(String... args) {
        Objects.requireNonNull(args, "args");
        Path out = null;
        List<Participant> participants = new ArrayList<>();
        List<String> dnsNames = new ArrayList<>();
        String caName = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument");
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--out", "--participant", "--dns", "--ca-name" -> {
                    String value;
                    if (inlineValue != null) {
                        value = inlineValue;
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException(name + " needs a value");
                    }
                    switch (name) {
                        case "--out" -> {
                            if (out != null) {
                                throw new UsageException("--out given more than once");
                            }
                            out = directory(value);
                        }
                        case "--participant" -> participants.add(participant(value));
                        case "--dns" -> dnsNames.add(requireNonBlank(value, "--dns"));
                        default -> {
                            if (caName != null) {
                                throw new UsageException("--ca-name given more than once");
                            }
                            caName = requireNonBlank(value, "--ca-name");
                        }
                    }
                }
                default -> throw new UsageException("unknown argument: " + arg);
            }
        }
        if (help) {
            return new Options(out, participants, dnsNames, caName == null ? DEFAULT_CA_NAME : caName, true);
        }
        if (out == null) {
            throw new UsageException("--out DIR is required");
        }
        Set<String> stems = new HashSet<>();
        Set<String> serialNumbers = new HashSet<>();
        for (Participant participant : participants) {
            if (!stems.add(participant.fileStem().toLowerCase(java.util.Locale.ROOT))) {
                throw new UsageException("file stem used twice: " + participant.fileStem());
            }
            if (!serialNumbers.add(participant.serialNumber())) {
                throw new UsageException("serial number used twice: " + participant.serialNumber());
            }
        }
        return new Options(out, participants, new ArrayList<>(new LinkedHashSet<>(dnsNames)),
                caName == null ? DEFAULT_CA_NAME : caName, false);
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

    private static Path directory(String value) {
        requireNonBlank(value, "--out");
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("--out: not a valid path: " + value);
        }
    }

    private static Participant participant(String value) {
        int last = value.lastIndexOf(':');
        int middle = last > 0 ? value.lastIndexOf(':', last - 1) : -1;
        if (middle < 0) {
            throw new UsageException("--participant must be ORGANISATION:SERIALNUMBER:FILESTEM, got: " + value);
        }
        String organisationName = value.substring(0, middle).strip();
        String serialNumber = value.substring(middle + 1, last).strip();
        String fileStem = value.substring(last + 1).strip();
        if (organisationName.isEmpty()) {
            throw new UsageException("--participant " + value + ": organisation name is empty");
        }
        if (serialNumber.isEmpty() || !DERPrintableString.isPrintableString(serialNumber)) {
            throw new UsageException("--participant " + value
                    + ": serial number must be non-empty PrintableString (e.g. an OIN or KvK number)");
        }
        if (!FILE_STEM.matcher(fileStem).matches() || fileStem.equalsIgnoreCase("ca")) {
            throw new UsageException("--participant " + value
                    + ": file stem must match [A-Za-z0-9][A-Za-z0-9._-]* and not be 'ca'");
        }
        return new Participant(organisationName, serialNumber, fileStem);
    }

    private static String requireNonBlank(String value, String option) {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be empty");
        }
        return value;
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
