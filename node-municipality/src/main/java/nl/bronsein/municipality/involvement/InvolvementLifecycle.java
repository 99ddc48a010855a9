package nl.bronsein.municipality.involvement;

import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.InvolvementStatus;

/**
 * Which step an involvement may take in which state. Its state is two things the practice reads apart: the status
 * (ACTIVE → ENDED, final) and the consent (GIVEN → WITHDRAWN, final). The citizen may withdraw consent while the
 * wijkteam is involved or after, since the practice still holds what it was told; an involvement may end with or
 * without consent; the details are corrected only while active and consented, for a correction would be shared on a
 * consent that no longer stands, or change a closed record. Both switches have no default, so a status or consent
 * status added to the contract does not compile here until the municipality says what it allows.
 */
final class InvolvementLifecycle {

    enum Step {
        CORRECT("corrected"), END("ended"), WITHDRAW_CONSENT("given a consent withdrawal");

        private final String done;

        Step(String done) {
            this.done = done;
        }

        String done() {
            return done;
        }
    }

    private InvolvementLifecycle() {
    }

    static boolean allows(InvolvementStatus status, ConsentStatus consent, Step step) {
        boolean active = switch (status) {
            case ACTIVE -> true;
            case ENDED -> false;
        };
        boolean given = switch (consent) {
            case GIVEN -> true;
            case WITHDRAWN -> false;
        };
        return switch (step) {
            case CORRECT -> active && given;
            case END -> active;
            case WITHDRAW_CONSENT -> given;
        };
    }
}
