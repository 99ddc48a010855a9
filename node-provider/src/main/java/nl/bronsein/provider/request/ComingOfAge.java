package nl.bronsein.provider.request;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import nl.bronsein.provider.assignment.Assignment;
import nl.bronsein.provider.assignment.AssignmentBasis;
import nl.bronsein.provider.assignment.AssignmentRepository;
import nl.bronsein.runtime.worker.PeriodicWorker;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Turning 18 during youth care ends the Jeugdwet's reach; the municipality decides whether care continues under the
 * Wmo. It learns of it as a notified fact on our request — not as a silent change it would have to notice itself.
 * Checked every interval for the granted requests whose care runs, against the birth date in the GP's referral as we
 * hold it, in Amsterdam's calendar (the day the law counts in). Only the date is told, never the birth date itself.
 */
@Component
public class ComingOfAge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ComingOfAge.class);
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final int ADULT = 18;

    private final AssignmentRequestRepository requests;
    private final AssignmentRequestService service;
    private final AssignmentRepository assignments;
    private final AssignmentBasis basis;
    private final Clock clock;
    private final PeriodicWorker worker;

    ComingOfAge(AssignmentRequestRepository requests, AssignmentRequestService service, AssignmentRepository assignments,
                AssignmentBasis basis, Clock clock,
                @Value("${bronsein.youth-care.coming-of-age-check:PT1H}") Duration interval) {
        this.requests = requests;
        this.service = service;
        this.assignments = assignments;
        this.basis = basis;
        this.clock = clock;
        this.worker = new PeriodicWorker("coming-of-age", interval, this::check);
    }

    /** One round: every client in granted, running youth care who is 18 today or older is told of, once. */
    public void check() {
        LocalDate today = LocalDate.now(clock.withZone(AMSTERDAM));
        try {
            for (AssignmentRequest request : requests.grantedForMinors()) {
                adultOn(request).filter(day -> !day.isAfter(today))
                        .ifPresent(day -> service.cameOfAge(request.id(), day));
            }
        } catch (RuntimeException e) {
            // e.g. the database briefly away: the next round tries again; an escaping exception would end the schedule
            log.warn("Checking for clients who came of age failed this round: {}", e.getClass().getSimpleName());
        }
    }

    private Optional<LocalDate> adultOn(AssignmentRequest request) {
        return assignments.find(request.assignmentId())
                .filter(a -> a.status() == AssignmentStatus.CARE_STARTED)
                .flatMap(this::birthDate).map(born -> born.plusYears(ADULT));
    }

    private Optional<LocalDate> birthDate(Assignment assignment) {
        return basis.referral(assignment).filter(copy -> !copy.withdrawn()).map(copy -> copy.content())
                .filter(ReferralIntakeView.class::isInstance).map(ReferralIntakeView.class::cast)
                .map(ReferralIntakeView::citizen).map(ReferralIntakeView.Citizen::birthDate);
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
