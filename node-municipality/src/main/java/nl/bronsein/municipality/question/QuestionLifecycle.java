package nl.bronsein.municipality.question;

import static nl.bronsein.schemas.view.QuestionStatus.ANSWERED;
import static nl.bronsein.schemas.view.QuestionStatus.REFUSED;
import static nl.bronsein.schemas.view.QuestionStatus.WITHDRAWN;

import java.util.EnumSet;
import java.util.Set;

import nl.bronsein.schemas.view.QuestionStatus;

/**
 * Which status of a question may follow which: OPEN → ANSWERED or REFUSED (the GP's answer, as pulled) or WITHDRAWN
 * (the municipality no longer asks); all three are final. The switch has no default, so a status added to the
 * contract's {@link QuestionStatus} does not compile here until the municipality says where it stands.
 */
final class QuestionLifecycle {

    private QuestionLifecycle() {
    }

    static boolean mayBecome(QuestionStatus from, QuestionStatus to) {
        return next(from).contains(to);
    }

    private static Set<QuestionStatus> next(QuestionStatus from) {
        return switch (from) {
            case OPEN -> EnumSet.of(ANSWERED, REFUSED, WITHDRAWN);
            case ANSWERED, REFUSED, WITHDRAWN -> EnumSet.noneOf(QuestionStatus.class);
        };
    }
}
