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

    /** A pull goes to one URL per object, on the owner's listed node; an id that is not one segment makes none. */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11, https://gp.example:8443/bronsein/network/v1/objects/referral/5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11",
            "A.b_c~d-1, https://gp.example:8443/bronsein/network/v1/objects/referral/A.b_c~d-1",
            "'../../notifications', null",
            "'..', null",
            "'.', null",
            "'a/b', null",
            "'a?purpose=care-delivery', null",
            "'a b', null",
            "'', null",
            "'%2e%2e', null",
            "01234567890123456789012345678901234567890123456789012345678901234, null"})
    void pullUrlNamesOneObjectOnItsListedNode(String objectId, String url) {
        assertThat(gp.pullUrl("referral", objectId)).isEqualTo(url == null ? null : URI.create(url));
    }

    /** The inverse, for a presented basis: only this participant's exact pull URL of an object of that type names an id. */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "https://gp.example:8443/bronsein/network/v1/objects/case/5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11, 5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11",
            "https://gp.example:8443/bronsein/network/v1/objects/referral/5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11, null",
            "https://other.example:8443/bronsein/network/v1/objects/case/5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11, null",
            "https://gp.example:8443/bronsein/network/v1/notifications/5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11, null",
            "https://gp.example:8443/bronsein/network/v1/objects/case/5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11?x=1, null",
            "https://gp.example:8443/bronsein/network/v1/objects/case/not-a-uuid, null"})
    void objectAtNamesAnIdOnlyForThisParticipantsExactPullUrl(String url, String id) {
        assertThat(gp.objectAt("case", URI.create(url)).map(Object::toString).orElse(null)).isEqualTo(id);
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
