package nl.bronsein.gp.referral;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestVerificationView;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The municipalities a youth referral admits for intake. Under the Jeugdwet the practice refers to a youth-care provider
 * directly, and that provider asks the municipality for an assignment; the municipality then needs the referral, and
 * the practice shares it only with whom it can verify: the municipality presents the provider's request, and the
 * practice asks the provider the referral was addressed to — the request's owner — whether that request rests on this
 * referral and asks that municipality ({@code request-verification}). The mirror of {@link AssignedProviders}, asked
 * again at every pull; a municipality the provider no longer names is dropped.
 */
@Component
public class RequestingMunicipalities {

    static final String VERIFICATION_PURPOSE = "request-verification";

    private static final Logger log = LoggerFactory.getLogger(RequestingMunicipalities.class);

    private final JdbcClient jdbc;
    private final PullClient pull;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final Clock clock;

    public RequestingMunicipalities(JdbcClient jdbc, PullClient pull, ParticipantList participants,
                                    NodeIdentity identity, Clock clock) {
        this.jdbc = jdbc;
        this.pull = pull;
        this.participants = participants;
        this.identity = identity;
        this.clock = clock;
    }

    /** The municipalities admitted to the referral. */
    public Set<ParticipantId> of(UUID referralId) {
        return jdbc.sql("select municipality from requesting_municipality where referral_id = :id")
                .param("id", referralId).query(String.class).list().stream().map(ParticipantId::of)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks at the provider the referral went to that the request the caller presents — or the one it was admitted on
     * — names this referral and asks the caller; admits the caller if so, drops an admission the provider no longer
     * confirms. A withdrawn referral or consent admits nobody new.
     *
     * @throws nl.bronsein.runtime.pull.PullUnavailableException when the provider cannot be asked now
     */
    void verify(Referral referral, Participant caller, Optional<URI> presented) {
        if (caller.role() != ParticipantRole.MUNICIPALITY || referral.status() == ReferralStatus.WITHDRAWN
                || referral.consent().status() != ConsentStatus.GIVEN) {
            return;
        }
        Optional<Participant> provider = participants.find(referral.addressee())
                .filter(p -> p.role() == ParticipantRole.PROVIDER);
        if (provider.isEmpty()) {
            return;
        }
        Optional<UUID> requestId = presented.flatMap(basis -> provider.get().objectAt(SharedObjectType.ASSIGNMENT_REQUEST.code(), basis))
                .or(() -> admittedOn(referral.id(), caller));
        if (requestId.isEmpty()) {
            log.debug("A municipality's pull of referral {} rests on no request of its addressee", referral.id());
            return;
        }
        ObjectReferenceView expected = new ObjectReferenceView(identity.id().urn(), SharedObjectType.REFERRAL.code(),
                referral.id().toString());
        boolean asked;
        try {
            AssignmentRequestVerificationView answer = pull.pull(provider.get(),
                    SharedObjectType.ASSIGNMENT_REQUEST.code(), requestId.get().toString(), VERIFICATION_PURPOSE,
                    AssignmentRequestVerificationView.class);
            asked = requestId.get().toString().equals(answer.objectId())
                    && provider.get().id().urn().equals(answer.owner()) && expected.equals(answer.referral())
                    && caller.id().urn().equals(answer.municipality());
        } catch (PullRefusedException refused) {
            asked = false;
        }
        if (asked) {
            admit(referral.id(), caller, provider.get(), requestId.get());
        } else {
            jdbc.sql("delete from requesting_municipality where referral_id = :referral and municipality = :municipality")
                    .param("referral", referral.id()).param("municipality", caller.id().urn()).update();
        }
    }

    private Optional<UUID> admittedOn(UUID referralId, Participant municipality) {
        return jdbc.sql("""
                select request_id from requesting_municipality where referral_id = :referral
                    and municipality = :municipality""")
                .param("referral", referralId).param("municipality", municipality.id().urn())
                .query(String.class).optional().flatMap(ObjectIds::parse);
    }


    private void admit(UUID referralId, Participant municipality, Participant provider, UUID requestId) {
        if (of(referralId).contains(municipality.id())) {
            return;
        }
        try {
            jdbc.sql("""
                    insert into requesting_municipality (referral_id, municipality, request_owner, request_id, admitted_at)
                    values (:referral, :municipality, :owner, :request, :at)""")
                    .param("referral", referralId).param("municipality", municipality.id().urn())
                    .param("owner", provider.id().urn()).param("request", requestId.toString())
                    .param("at", Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            // admitted by a concurrent pull of the same municipality
        }
    }
}
