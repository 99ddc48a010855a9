package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** What the launcher tells a user to type: the same words the README uses, and nothing to fill in by hand. */
class LocalNetworkMainTest {

    @TempDir
    Path dir;

    @Test
    void theDemoCommandOfADefaultNetworkIsTheReadmesOwn() {
        NetworkOptions defaults = NetworkOptions.defaults();
        assertThat(LocalNetworkMain.demoCommand(defaults, new NetworkFiles(defaults.dataDir())))
                .isEqualTo("./network demo");
    }

    @Test
    void theDemoCommandNamesOnlyWhatDiffersFromTheDefaults() {
        NetworkOptions elsewhere = NetworkOptions.defaults().withDataDir(dir);
        assertThat(LocalNetworkMain.demoCommand(elsewhere, new NetworkFiles(dir)))
                .isEqualTo("./network demo --data-dir " + dir.toAbsolutePath().normalize());

        NetworkOptions ports = new NetworkOptions(NetworkOptions.defaults().dataDir(), 9092, 9000, 8443, 18080, 9443,
                19080, 7443, 17080, null, Duration.ofSeconds(5));
        assertThat(LocalNetworkMain.demoCommand(ports, new NetworkFiles(ports.dataDir()))).isEqualTo("./network demo"
                + " --gp http://127.0.0.1:18080 --municipality http://127.0.0.1:19080 --provider http://127.0.0.1:17080");
    }

    @Test
    void theCommandsToTryCarryNoPlaceholders() {
        String commands = LocalNetworkMain.tryItCommands(new NetworkFiles(dir), "http://127.0.0.1:8080",
                "http://127.0.0.1:9080");
        // the ids come from the commands before (LocalNetworkLaunchIT pastes them into bash against a real network)
        assertThat(commands).doesNotContain("CASE_ID", "CONTACT_POINT_ID", "REFERRAL_ID")
                .contains("CONTACT_POINT=$(", "REFERRAL=$(", "until CASE=$(", "/api/v1/cases/$CASE/pick-up",
                        "/api/v1/referrals/$REFERRAL/timeline");
    }
}
