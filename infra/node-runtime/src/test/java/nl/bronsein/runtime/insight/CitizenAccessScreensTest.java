package nl.bronsein.runtime.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;

import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;

/** Whose desk the access report is at, per kind of node; the page itself is tested on a running node (StaffScreensTest). */
class CitizenAccessScreensTest {

    @Test
    void theDeskIsAPracticesGpsAndAssistantsAMunicipalitysIntakeOfficersAndAProviderHasNone() {
        CitizenAccessScreens practice = screens(ParticipantRole.GP_PRACTICE);
        assertThat(practice.offered()).isTrue();
        assertThat(practice.section().roles()).containsExactlyInAnyOrder(StaffRole.GP, StaffRole.PRACTICE_ASSISTANT);

        CitizenAccessScreens municipality = screens(ParticipantRole.MUNICIPALITY);
        assertThat(municipality.offered()).isTrue();
        assertThat(municipality.section().roles()).containsExactly(StaffRole.INTAKE_OFFICER);

        // no roles would mean everyone signed in: a provider offers no entry at all
        CitizenAccessScreens provider = screens(ParticipantRole.PROVIDER);
        assertThat(provider.offered()).isFalse();
        assertThat(desk(ParticipantRole.PROVIDER).serves(new TestingAuthenticationToken("planner", null,
                "ROLE_PROVIDER_PLANNER", "ROLE_INTAKE_OFFICER"))).isFalse();
        assertThat(desk(ParticipantRole.GP_PRACTICE).serves(new TestingAuthenticationToken("intake", null,
                "ROLE_INTAKE_OFFICER"))).as("an intake officer is no desk at a GP practice").isFalse();
    }

    private static CitizenAccessScreens screens(ParticipantRole role) {
        return new CitizenAccessScreens(mock(CitizenInsight.class), desk(role));
    }

    private static CitizenDesk desk(ParticipantRole role) {
        return new CitizenDesk(new NodeIdentity(new Participant(ParticipantId.of("urn:nld:kvk:12345678"), role, "Test",
                URI.create("https://node.example:8443"), "ab")));
    }
}
