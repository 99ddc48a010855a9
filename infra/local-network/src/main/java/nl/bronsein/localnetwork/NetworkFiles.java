package nl.bronsein.localnetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.bronsein.devpki.DevPkiMain;
import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.devpki.PemFiles;
import nl.bronsein.localnetwork.Participants.Participant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The layout of the data directory, and its preparation before a start: the dev PKI (created once, then reused) and
 * the participant list (rewritten on every start, so it follows the chosen ports).
 *
 * <pre>
 * DATA_DIR/pki/ca.crt, ca.key, gp.crt, gp.key, municipality.crt, municipality.key, provider.crt, provider.key,
 *              broker.crt, broker.key (the broker's TLS identity), operator.crt, operator.key (provisioning, a super user)
 * DATA_DIR/participants.json
 * DATA_DIR/kafka/            the broker's data
 * DATA_DIR/gp/, municipality/, provider/   each node's H2 database (bronsein.data-dir)
 * DATA_DIR/idp/dev-credentials.json   the identity provider's client secrets and development users (owner only)
 * DATA_DIR/logs/gp.log, municipality.log, provider.log, kafka.log, identity-provider.log
 * </pre>
 */
final class NetworkFiles {

    private final Path dataDir;

    NetworkFiles(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path dataDir() {
        return dataDir;
    }

    Path pkiDir() {
        return dataDir.resolve("pki");
    }

    Path caCertificate() {
        return pkiDir().resolve("ca.crt");
    }

    Path certificate(Participant participant) {
        return pkiDir().resolve(participant.stem() + ".crt");
    }

    Path privateKey(Participant participant) {
        return pkiDir().resolve(participant.stem() + ".key");
    }

    /** The broker's own identity: a certificate of the network's CA naming the network's operator organisation. */
    static final DevPkiMain.Participant BROKER = new DevPkiMain.Participant("Bronsein netwerkbeheer (broker)",
            "00000009999999999999", "broker");
    /** Who provisions the broker's topics and ACLs: a super user of the local broker, and of nothing else. */
    static final DevPkiMain.Participant OPERATOR = new DevPkiMain.Participant("Bronsein netwerkbeheer", "99990000",
            "operator");

    /** The operator's participant id, as the broker's super user. */
    static String operatorId() {
        return "urn:nld:kvk:" + OPERATOR.serialNumber();
    }

    Path certificate(DevPkiMain.Participant identity) {
        return pkiDir().resolve(identity.fileStem() + ".crt");
    }

    Path privateKey(DevPkiMain.Participant identity) {
        return pkiDir().resolve(identity.fileStem() + ".key");
    }

    Path participantList() {
        return dataDir.resolve("participants.json");
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path log(Participant participant) {
        return logsDir().resolve(participant.stem() + ".log");
    }

    Path nodeDataDir(Participant participant) {
        return dataDir.resolve(participant.stem());
    }

    /** The identity provider's data: the client secrets and the development users' passwords it made. */
    Path idpDataDir() {
        return dataDir.resolve("idp");
    }

    /** Written by the identity provider on its first start, kept; the launcher reads it (IdentityProviderProcess). */
    Path devCredentials() {
        return idpDataDir().resolve("dev-credentials.json");
    }

    Path idpLog() {
        return logsDir().resolve("identity-provider.log");
    }

    /**
     * The network's staff-issuer key pair: the identity provider signs with it, and so does the launcher for the
     * development tokens below; the nodes verify both at the identity provider's JWKS.
     */
    Path staffIssuerPublicKey() {
        return pkiDir().resolve("staff-issuer.pub");
    }

    Path staffIssuerPrivateKey() {
        return pkiDir().resolve("staff-issuer.key");
    }

    /** A development staff token for a node's staff API, with every task of that kind of node. */
    Path staffToken(Participant participant) {
        return dataDir.resolve("staff-tokens").resolve(participant.stem() + ".token");
    }

    /**
     * Issues fresh development staff tokens for every node (valid for a month, a lifetime {@link NodeProcess} tells the
     * nodes to accept), signed with the identity provider's key in its name ({@code issuer}), so the nodes take them as
     * its own; the demo and a user's {@code curl} use them. Kept in the data directory, like the certificates.
     */
    void issueStaffTokens(String issuer) {
        DevStaffIssuer key = DevStaffIssuer.loadOrGenerate(staffIssuerPublicKey(), staffIssuerPrivateKey());
        for (Participant participant : Participants.ALL) {
            try {
                Files.createDirectories(staffToken(participant).getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + staffToken(participant).getParent(), e);
            }
            String token = key.token(issuer, "dev-staff-" + participant.stem(), participant.id(),
                    staffRoles(participant), DevStaffIssuer.DEVELOPMENT_TOKEN_VALIDITY);
            PemFiles.writeAtomically(staffToken(participant), token + "\n", true);
        }
    }

    /**
     * The tasks of each kind of node (the roles of the staff API), and its functional administration. The municipality's
     * also holds CATALOGUE_EDITOR: in a real municipality its contract manager publishes the service catalogue, not the
     * intake officer or the wijkteam, but one development token plays every member of staff, and the demo publishes a
     * service. Every node's also holds PRIVACY_OFFICER, who reads and exports the node's processing log: in a real
     * organisation that is its privacy officer alone.
     */
    static List<String> staffRoles(Participant participant) {
        return switch (participant.role()) {
            case "GP_PRACTICE" -> List.of("GP", "PRACTICE_ASSISTANT", "NODE_ADMIN", "PRIVACY_OFFICER");
            case "MUNICIPALITY" -> List.of("INTAKE_OFFICER", "WIJKTEAM_MEMBER", "CATALOGUE_EDITOR", "NODE_ADMIN",
                    "PRIVACY_OFFICER");
            default -> List.of("PROVIDER_PLANNER", "NODE_ADMIN", "PRIVACY_OFFICER");
        };
    }

    /** Reads the development staff tokens a running network issued, by participant stem. */
    static Map<String, String> readStaffTokens(Path dataDir) throws IOException {
        NetworkFiles files = new NetworkFiles(dataDir);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (Participant participant : Participants.ALL) {
            tokens.put(participant.stem(), Files.readString(files.staffToken(participant)).strip());
        }
        return tokens;
    }

    Path lockFile() {
        return dataDir.resolve(".lock");
    }

    /** Per participant (in {@link Participants#ALL} order): its certificate's SHA-256 and whether it is new. */
    record Prepared(Map<Participant, String> fingerprints, Map<Participant, Boolean> issued) {
    }

    /**
     * Creates the directories, the dev CA and the participants' certificates where missing (existing ones are reused,
     * checked by dev-pki), and writes the participant list for the given ports.
     *
     * @throws IllegalArgumentException if existing PKI files are incomplete or do not fit together
     * @throws UncheckedIOException     if files cannot be read or written
     */
    Prepared prepare(NetworkOptions options, PrintStream warnings) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logsDir());
            Files.createDirectories(kafkaDir());
            Files.createDirectories(idpDataDir());
            for (Participant participant : Participants.ALL) {
                Files.createDirectories(nodeDataDir(participant));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        List<DevPkiMain.Participant> requests = new java.util.ArrayList<>(Participants.ALL.stream()
                .map(p -> new DevPkiMain.Participant(p.name(), p.serialNumber(), p.stem()))
                .toList());
        requests.add(BROKER);
        requests.add(OPERATOR);
        List<DevPkiMain.ParticipantFiles> files = DevPkiMain.ensure(
                new DevPkiMain.Options(pkiDir(), requests, List.of(), DevPkiMain.DEFAULT_CA_NAME), warnings);
        Map<Participant, String> fingerprints = new LinkedHashMap<>();
        Map<Participant, Boolean> issued = new LinkedHashMap<>();
        for (Participant participant : Participants.ALL) {
            DevPkiMain.ParticipantFiles file = files.stream()
                    .filter(f -> f.participant().fileStem().equals(participant.stem()))
                    .findFirst()
                    .orElseThrow();
            fingerprints.put(participant, file.sha256Fingerprint());
            issued.put(participant, file.issued());
        }
        PemFiles.writeAtomically(participantList(), participantListJson(options, fingerprints), false);
        issueStaffTokens(options.idpIssuer());
        return new Prepared(Map.copyOf(fingerprints), Map.copyOf(issued));
    }

    /** The participant list in the form node-runtime's {@code ParticipantList} reads. */
    static String participantListJson(NetworkOptions options, Map<Participant, String> fingerprints) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("participants");
        for (Participant participant : Participants.ALL) {
            ObjectNode entry = list.addObject();
            entry.put("id", participant.id());
            entry.put("role", participant.role());
            entry.put("name", participant.name());
            entry.put("nodeUrl", "https://localhost:" + options.port(participant));
            entry.put("certificateSha256", fingerprints.get(participant));
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }
}
