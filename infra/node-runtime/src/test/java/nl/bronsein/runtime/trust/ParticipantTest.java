package nl.bronsein.runtime.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParticipantTest {

    private final Participant gp = new Participant(ParticipantId.of("urn:nld:kvk:12345678"), ParticipantRole.GP_PRACTICE,
            "Praktijk", URI.create("https://gp.example:8443/bronsein"), "AB:CD");

    /** A pull may only go to the owner's listed node: anything else in a dataref is refused. */
    @ParameterizedTest
    @CsvSource({
            "https://gp.example:8443/bronsein/network/v1/objects/referral/1, true",
            "https://GP.example:8443/bronsein/network/v1/objects/referral/1, true",
            "http://gp.example:8443/bronsein/network/v1/objects/referral/1, false",
            "https://gp.example:9443/bronsein/network/v1/objects/referral/1, false",
            "https://evil.example:8443/bronsein/network/v1/objects/referral/1, false",
            "https://gp.example.evil.example:8443/bronsein/network/v1/objects/referral/1, false",
            "https://user@gp.example:8443/bronsein/network/v1/objects/referral/1, false",
            "https://gp.example:8443/other/network/v1/objects/referral/1, false",
            "https://gp.example:8443/bronsein/../admin, false"})
    void hostsOnlyUrlsUnderItsListedNode(String url, boolean hosted) {
        assertThat(gp.hosts(URI.create(url))).isEqualTo(hosted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:nld:kvk:1234567", "urn:nld:oin:123", "urn:nld:bsn:999993653", "12345678", "urn:nld:kvk:12345678:x"})
    void refusesIdentifiersThatAreNotParticipantUrns(String urn) {
        assertThatThrownBy(() -> ParticipantId.of(urn)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://gp.example"})
    void aNodeUrlMustBeHttps(String url) {
        assertThatThrownBy(() -> new Participant(ParticipantId.of("urn:nld:kvk:12345678"), ParticipantRole.GP_PRACTICE,
                "Praktijk", URI.create(url), "ab")).hasMessageContaining("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB:CD"})
    void pinsFingerprintsInOneForm(String fingerprint) {
        assertThat(gp.certificateSha256()).isEqualTo("abcd");
    }
}
