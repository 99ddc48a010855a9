package nl.bronsein.municipality.question;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.QuestionView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Questions as the pull server offers them: only to the GP practice that owns the referral asked about. The policy
 * (municipality-node.yml) lets it pull without a consent check here, because the consent lives at that practice, which
 * checks the question's purpose against it before it answers anything.
 */
@Component
public class QuestionSource implements SharedObjectSource {

    static final String VIEW = "targeted-question";

    private final QuestionRepository questions;
    private final PulledCopies copies;
    private final NodeIdentity identity;

    public QuestionSource(QuestionRepository questions, PulledCopies copies, NodeIdentity identity) {
        this.questions = questions;
        this.copies = copies;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.QUESTION;
    }

    @Override
    public Set<String> views() {
        return Set.of(VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return questions.find(objectId).map(SharedQuestion::new);
    }

    private final class SharedQuestion implements SharedObject {

        private final Question q;

        SharedQuestion(Question q) {
            this.q = q;
        }

        @Override
        public Set<ParticipantId> involved() {
            return Set.of(ParticipantId.of(q.referralOwner()));
        }

        /** The consent as this municipality last pulled it with the referral; asked only if a policy requires it. */
        @Override
        public boolean consentCovers(String purpose) {
            return copies.find(q.referralOwner(), SharedObjectType.REFERRAL, q.referralId(), ReferralIntakeView.class)
                    .filter(r -> !r.withdrawn()).map(PulledCopy::content).map(ReferralIntakeView::consent)
                    .filter(consent -> consent.status() == ConsentStatus.GIVEN && consent.purposes() != null
                            && consent.purposes().contains(q.purpose()))
                    .isPresent();
        }

        /** The citizen of the referral the question is about, as this municipality last pulled it. */
        @Override
        public Optional<String> dataSubject() {
            return copies.find(q.referralOwner(), SharedObjectType.REFERRAL, q.referralId(), ReferralIntakeView.class)
                    .map(PulledCopy::content).map(ReferralIntakeView::citizen).map(ReferralIntakeView.Citizen::bsn);
        }

        @Override
        public Object view(String view, Participant caller) {
            if (!VIEW.equals(view)) {
                throw new IllegalArgumentException("unknown view " + view);
            }
            return new QuestionView(q.id().toString(), q.version(), identity.id().urn(), q.status(), q.referral(),
                    new ObjectReferenceView(identity.id().urn(), SharedObjectType.CASE.code(), q.caseId().toString()),
                    q.purpose(), q.question(), q.answerBy(), q.askedAt(), q.withdrawnAt());
        }
    }
}
