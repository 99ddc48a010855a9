package nl.bronsein.localnetwork;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Options of {@code run}. {@code nodesDir} null means: next to the launcher's jar. */
record NetworkOptions(Path dataDir, int kafkaPort, int idpPort, int gpPort, int gpStaffPort, int municipalityPort,
                      int municipalityStaffPort, int providerPort, int providerStaffPort, Path nodesDir,
                      Duration startupTimeout) {

    static final String DEFAULT_DATA_DIR = "./.bronsein-network";
    static final int DEFAULT_KAFKA_PORT = 9092;
    /** The identity provider's: 9000, beside the broker's 9092, below the municipality's 9080 and 9443. */
    static final int DEFAULT_IDP_PORT = 9000;
    static final int DEFAULT_GP_PORT = 8443;
    static final int DEFAULT_GP_STAFF_PORT = 8080;
    static final int DEFAULT_MUNICIPALITY_PORT = 9443;
    static final int DEFAULT_MUNICIPALITY_STAFF_PORT = 9080;
    static final int DEFAULT_PROVIDER_PORT = 7443;
    static final int DEFAULT_PROVIDER_STAFF_PORT = 7080;
    static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;

    NetworkOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
    }

    static NetworkOptions defaults() {
        return new NetworkOptions(Path.of(DEFAULT_DATA_DIR), DEFAULT_KAFKA_PORT, DEFAULT_IDP_PORT, DEFAULT_GP_PORT,
                DEFAULT_GP_STAFF_PORT, DEFAULT_MUNICIPALITY_PORT, DEFAULT_MUNICIPALITY_STAFF_PORT,
                DEFAULT_PROVIDER_PORT, DEFAULT_PROVIDER_STAFF_PORT, null,
                Duration.ofSeconds(DEFAULT_STARTUP_TIMEOUT_SECONDS));
    }

    NetworkOptions withDataDir(Path dir) {
        return new NetworkOptions(dir, kafkaPort, idpPort, gpPort, gpStaffPort, municipalityPort, municipalityStaffPort,
                providerPort, providerStaffPort, nodesDir, startupTimeout);
    }

    /**
     * The identity provider's issuer: 127.0.0.1, the address the browser, the nodes and the printed curl lines all use
     * (an issuer must be the same string in every token and every node's configuration).
     */
    String idpIssuer() {
        return "http://127.0.0.1:" + idpPort;
    }

    /** The network port of a participant's node. */
    int port(Participants.Participant participant) {
        if (participant == Participants.GP) {
            return gpPort;
        }
        if (participant == Participants.MUNICIPALITY) {
            return municipalityPort;
        }
        if (participant == Participants.PROVIDER) {
            return providerPort;
        }
        throw new IllegalArgumentException("not a participant of the local network: " + participant);
    }

    /** The staff API port of a participant's node. */
    int staffPort(Participants.Participant participant) {
        if (participant == Participants.GP) {
            return gpStaffPort;
        }
        if (participant == Participants.MUNICIPALITY) {
            return municipalityStaffPort;
        }
        if (participant == Participants.PROVIDER) {
            return providerStaffPort;
        }
        throw new IllegalArgumentException("not a participant of the local network: " + participant);
    }

    /** Every port with the option that sets it, in the order the options are listed. */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--kafka-port", kafkaPort);
        ports.put("--idp-port", idpPort);
        ports.put("--gp-port", gpPort);
        ports.put("--gp-staff-port", gpStaffPort);
        ports.put("--municipality-port", municipalityPort);
        ports.put("--municipality-staff-port", municipalityStaffPort);
        ports.put("--provider-port", providerPort);
        ports.put("--provider-staff-port", providerStaffPort);
        return Collections.unmodifiableMap(ports);
    }
}
