package nl.bronsein.municipality.question;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * A GP practice answered or refused one of our questions: pull the answer and settle the question with it. Only the
 * practice the question was addressed to can settle it; an answer naming another municipality's question, or one we
 * never asked that practice, is not for us.
 */
@Component
public class AnswerHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final QuestionRepository questions;
    private final QuestionService service;
    private final NodeIdentity identity;

    public AnswerHandler(OwnerAnswers owners, QuestionRepository questions, QuestionService service,
                         NodeIdentity identity) {
        this.owners = owners;
        this.questions = questions;
        this.service = service;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.ANSWER;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        return owners.ask(notification, Optional.empty(), AnswerView.class, pulled -> {
            Optional<Question> question = ourQuestion(pulled.content().question())
                    .filter(q -> q.referralOwner().equals(pulled.owner()));
            if (question.isEmpty()) {
                return Relevance.notForUs("the pulled answer is to no question this municipality asked that practice");
            }
            if (pulled.content().status() == null) {
                return Relevance.nothingToDo("the practice serves an answer status this release does not know");
            }
            UUID questionId = question.get().id();
            return Relevance.apply(() -> service.answerPulled(questionId, pulled));
        }, withdrawal -> owners.withdrawal(notification, withdrawal));
    }

    private Optional<Question> ourQuestion(ObjectReferenceView reference) {
        if (reference == null || !identity.id().urn().equals(reference.owner())
                || !SharedObjectType.QUESTION.code().equals(reference.objectType())) {
            return Optional.empty();
        }
        try {
            return questions.find(UUID.fromString(reference.objectId()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
