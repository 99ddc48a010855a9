package nl.bronsein.gp.question;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.QuestionView;

/**
 * A municipality asked the practice a question, or changed one (withdrew it, or settled it with our answer): pull it
 * and keep it for the practice to answer. Only a question about one of our referrals, from the municipality that
 * referral was addressed to, is for us: any other municipality has no case on it to ask about.
 */
@Component
public class QuestionHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final ReferralRepository referrals;
    private final Answers answers;
    private final AnswerService service;
    private final NodeIdentity identity;

    public QuestionHandler(OwnerAnswers owners, ReferralRepository referrals, Answers answers, AnswerService service,
                           NodeIdentity identity) {
        this.owners = owners;
        this.referrals = referrals;
        this.answers = answers;
        this.service = service;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.QUESTION;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        return owners.ask(notification, Optional.empty(), QuestionView.class, pulled -> {
            Optional<Referral> about = ourReferral(pulled.content().referral())
                    .filter(r -> r.addressee().equals(pulled.owner()));
            if (about.isEmpty()) {
                return Relevance.notForUs("the pulled question is about no referral this practice addressed to "
                        + "that municipality");
            }
            if (answers.findQuestion(pulled.objectId()).filter(q -> !q.owner().equals(pulled.owner())).isPresent()) {
                return Relevance.notForUs("another municipality's question has this id");
            }
            if (pulled.content().answerBy() == null) {
                return Relevance.notForUs("the pulled question names no answer-by day");
            }
            UUID referralId = about.get().id();
            return Relevance.apply(() -> service.questionPulled(pulled, referralId));
        }, withdrawal -> owners.withdrawal(notification, withdrawal));
    }

    private Optional<Referral> ourReferral(ObjectReferenceView reference) {
        if (reference == null || !identity.id().urn().equals(reference.owner())
                || !SharedObjectType.REFERRAL.code().equals(reference.objectType())) {
            return Optional.empty();
        }
        try {
            return referrals.find(UUID.fromString(reference.objectId()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
