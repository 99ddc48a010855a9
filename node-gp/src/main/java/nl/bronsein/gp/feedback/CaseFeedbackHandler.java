package nl.bronsein.gp.feedback;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.CaseChanged;
import nl.bronsein.schemas.ObjectReference;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseFeedbackView;

/**
 * Terugkoppeling: when a municipality's case about one of our referrals changes, pull the case's feedback view and
 * record what it tells. The municipality never writes into our referral; we ask.
 */
@Component
public class CaseFeedbackHandler implements NotificationHandler {

    private static final Logger log = LoggerFactory.getLogger(CaseFeedbackHandler.class);

    private final PullClient pull;
    private final ReferralRepository referrals;
    private final FeedbackRepository feedback;
    private final NodeIdentity identity;
    private final Clock clock;

    public CaseFeedbackHandler(PullClient pull, ReferralRepository referrals, FeedbackRepository feedback,
                               NodeIdentity identity, Clock clock) {
        this.pull = pull;
        this.referrals = referrals;
        this.feedback = feedback;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CASE;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        Optional<UUID> referralId = ourReferral(notification.body(CaseChanged.class));
        if (referralId.isEmpty()) {
            log.warn("Case {} of {} names no referral of this practice; nothing to follow",
                    notification.notification().subject(), notification.source().id());
            return InboxChange.NONE;
        }
        CaseFeedbackView view = pull.pull(notification, CaseFeedbackView.class);
        boolean sameCase = notification.notification().subject().equals(view.objectId())
                && notification.source().id().urn().equals(view.owner())
                && view.referral() != null && referralId.get().toString().equals(view.referral().objectId())
                && identity.id().urn().equals(view.referral().owner());
        if (!sameCase) {
            throw new PullRefusedException(200, "the pulled case does not match the notification");
        }
        return () -> feedback.apply(referralId.get(), view, clock.instant());
    }

    private Optional<UUID> ourReferral(CaseChanged body) {
        return body.getRelated().stream()
                .filter(ref -> "referral".equals(ref.getObjectType()) && identity.id().urn().equals(ref.getOwner()))
                .map(ObjectReference::getObjectId)
                .flatMap(id -> parse(id).stream())
                .filter(id -> referrals.find(id).isPresent())
                .findFirst();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
