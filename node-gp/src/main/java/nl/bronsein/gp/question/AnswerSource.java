package nl.bronsein.gp.question;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.AnswerView;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * Answers as the pull server offers them: only to the municipality that asked. The consent checked at every pull is
 * the referral's, for the purpose the question stated (the pull's own purpose, {@code targeted-question}, only says
 * which exchange it is): an answer written while the consent covered it is no longer served once the citizen withdrew
 * it. A refusal carries no fact of the record — only that, and why, the practice does not answer — so it is served
 * whatever the consent covers: the municipality must learn it to stop waiting.
 */
@Component
public class AnswerSource implements SharedObjectSource {

    static final String VIEW = "targeted-question";

    private final Answers answers;
    private final ReferralRepository referrals;
    private final NodeIdentity identity;

    public AnswerSource(Answers answers, ReferralRepository referrals, NodeIdentity identity) {
        this.answers = answers;
        this.referrals = referrals;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.ANSWER;
    }

    @Override
    public Set<String> views() {
        return Set.of(VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return answers.find(objectId)
                .flatMap(a -> referrals.find(a.referralId()).map(r -> new SharedAnswer(a, r)));
    }

    private final class SharedAnswer implements SharedObject {

        private final Answer answer;
        private final Referral referral;

        SharedAnswer(Answer answer, Referral referral) {
            this.answer = answer;
            this.referral = referral;
        }

        @Override
        public Set<ParticipantId> involved() {
            return Set.of(ParticipantId.of(answer.questionOwner()));
        }

        @Override
        public boolean withdrawn() {
            return referral.status() == ReferralStatus.WITHDRAWN;
        }

        @Override
        public boolean consentWithdrawn() {
            return referral.consent().status() == ConsentStatus.WITHDRAWN;
        }

        @Override
        public boolean consentCovers(String purpose) {
            return answer.status() == AnswerStatus.REFUSED || AnswerService.withinConsent(referral, answer.purpose());
        }

        /** The answer is about the citizen of the referral it answers on. */
        @Override
        public Optional<String> dataSubject() {
            return Optional.of(referral.content().citizen().bsn());
        }

        @Override
        public Object view(String view, Participant caller) {
            if (!VIEW.equals(view)) {
                throw new IllegalArgumentException("unknown view " + view);
            }
            return new AnswerView(answer.id().toString(), answer.version(), identity.id().urn(), answer.status(),
                    answer.question(), new ObjectReferenceView(identity.id().urn(), SharedObjectType.REFERRAL.code(),
                    answer.referralId().toString()), answer.answer(), answer.refusalReason(), answer.answeredAt());
        }
    }
}
