package nl.bronsein.municipality.involvement;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ConsentStatus;

/**
 * The involvement's lifecycle; every step is one transaction with its notification, addressed by the pull policy to
 * the practice named, and a refused step — invalid or illegal — writes nothing.
 */
@Service
public class InvolvementService {

    /** The purpose the practice pulls for: a consent that does not cover it gives the practice nothing to read. */
    static final String PURPOSE = "care-coordination";

    private final InvolvementRepository involvements;
    private final ContactPointDirectory contactPoints;
    private final ParticipantList participants;
    private final Outbox outbox;
    private final Clock clock;

    public InvolvementService(InvolvementRepository involvements, ContactPointDirectory contactPoints,
                              ParticipantList participants, Outbox outbox, Clock clock) {
        this.involvements = involvements;
        this.contactPoints = contactPoints;
        this.participants = participants;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The wijkteam records that it is involved, with the consent the citizen gave for telling the practice. */
    @Transactional
    public Involvement start(Involvement.Details details, Instant consentGivenAt, String consentForm,
                             List<String> purposes) {
        List<FieldProblem> problems = new ArrayList<>(problemsOf(details));
        if (purposes == null || !purposes.contains(PURPOSE)) {
            problems.add(new FieldProblem("consent.purposes", "must include " + PURPOSE
                    + ": without it the practice may not be told"));
        }
        refuse(problems);
        Instant now = now();
        Involvement started = Involvement.started(details,
                new Involvement.Consent(consentGivenAt, consentForm, purposes, ConsentStatus.GIVEN, null), now);
        involvements.insert(started, now);
        notifyChange(started, InvolvementChange.STARTED, now);
        return started;
    }

    /**
     * Corrects what was recorded: a new version the practice pulls. The practice stays the one the consent named; to
     * inform another, the wijkteam ends this involvement and records a new one with the consent for that practice.
     */
    @Transactional
    public Involvement correct(UUID id, Involvement.Details details) {
        Involvement current = find(id);
        List<FieldProblem> problems = new ArrayList<>(problemsOf(details));
        if (!details.gpPractice().equals(current.details().gpPractice())) {
            problems.add(new FieldProblem("gpPractice", "cannot change: the consent names "
                    + current.details().gpPractice() + "; end this involvement and record a new one"));
        }
        refuse(problems);
        return save(current, current.corrected(details), InvolvementChange.CORRECTED);
    }

    @Transactional
    public Involvement end(UUID id) {
        Involvement current = find(id);
        return save(current, current.end(now()), InvolvementChange.ENDED);
    }

    /** The citizen withdrew the consent: the practice is told to ask, and the pull then refuses it stating so. */
    @Transactional
    public Involvement withdrawConsent(UUID id) {
        Involvement current = find(id);
        return save(current, current.withdrawConsent(now()), InvolvementChange.CONSENT_WITHDRAWN);
    }

    private Involvement find(UUID id) {
        return involvements.find(id).orElseThrow(() -> new NotFoundException("no such involvement"));
    }

    private List<FieldProblem> problemsOf(Involvement.Details details) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!contactPoints.isOwn(details.contactPointId())) {
            problems.add(new FieldProblem("contactPointId", "is not a published contact point of this municipality"));
        }
        boolean practice = participants.find(details.gpPractice()).map(Participant::role)
                .filter(ParticipantRole.GP_PRACTICE::equals).isPresent();
        if (!practice) {
            problems.add(new FieldProblem("gpPractice", "is not a GP practice in the participant list"));
        }
        if (details.until() != null && details.until().isBefore(details.since())) {
            problems.add(new FieldProblem("until", "is before since"));
        }
        return problems;
    }

    private static void refuse(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private Involvement save(Involvement current, Involvement next, InvolvementChange change) {
        Instant now = now();
        if (!involvements.update(next, current.version(), now)) {
            throw new ConcurrentChangeException("involvement");
        }
        notifyChange(next, change, now);
        return next;
    }

    private void notifyChange(Involvement involvement, InvolvementChange change, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.INVOLVEMENT, involvement.id().toString(), change.kind(),
                involvement.version(), at));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
