package nl.bronsein.localnetwork;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.web.client.ResourceAccessException;

import nl.bronsein.localnetwork.Participants.Participant;
import nl.bronsein.staffclient.AssignmentsApi;
import nl.bronsein.staffclient.CasesApi;
import nl.bronsein.staffclient.ContactPointsApi;
import nl.bronsein.staffclient.ReferralsApi;
import nl.bronsein.staffclient.StaffApiException;
import nl.bronsein.staffclient.StaffClient;
import tools.jackson.databind.JsonNode;

/**
 * The workload of the chaos suite: many citizens referred to the municipality, their contact persons changed over and
 * over, and each referral taken through the whole granted path at the municipality and the provider — through the
 * staff APIs, as the practice's, municipality's and provider's own systems would. A call that fails because a node, its
 * database or the broker is away is retried, as such a system would; every change the driver made is counted once.
 */
final class ChaosDriver implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final ChaosNetwork network;
    private final ExecutorService workers;
    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger doneBeforeRetry = new AtomicInteger();
    private final Map<String, String> caseOfReferral = new ConcurrentHashMap<>();
    private final Map<String, String> assignmentOfCase = new ConcurrentHashMap<>();
    private String wijkteam;

    ChaosDriver(ChaosNetwork network, int concurrency) {
        this.network = network;
        this.workers = Executors.newFixedThreadPool(concurrency);
    }

    /** Changes the driver made (each successful mutating call once, however often it was retried). */
    int changes() {
        return changes.get();
    }

    int retries() {
        return retries.get();
    }

    /** Retried calls refused as already done: the first attempt had committed, its answer was lost. */
    int doneBeforeRetry() {
        return doneBeforeRetry.get();
    }

    void publishWijkteam() {
        ContactPointsApi.ContactPoint published = change(Participants.MUNICIPALITY, staff -> staff.contactPoints()
                .publish(new ContactPointsApi.ContactPointForm("Wijkteam Zwolle-Zuid", "038-4980000", null)));
        wijkteam = published == null ? null : published.id();
    }

    List<String> refer(List<ChaosCitizens.Citizen> citizens) {
        List<String> ids = new ArrayList<>(java.util.Collections.nCopies(citizens.size(), null));
        forEach(indices(citizens.size()), i -> {
            ReferralsApi.Referral created = change(Participants.GP,
                    staff -> staff.referrals().create(referral(citizens.get(i))));
            ids.set(i, created == null ? null : created.id());
        });
        return ids;
    }

    /** {@code rounds} changes of contact person on every referral, the referrals interleaved. */
    void changeContactPersons(List<String> referrals, int rounds, Consumer<Integer> afterRound) {
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            forEach(referrals, id -> change(Participants.GP, staff -> staff.referrals().changeContactPerson(id,
                    new ReferralsApi.ContactPerson(ChaosCitizens.contactPerson(id, r), "mantelzorger",
                            "06-1234" + String.format("%04d", r)))));
            afterRound.accept(round);
        }
    }

    /** Picked up, granted a wheelchair, assigned to the provider: as soon as each case has arrived. */
    void decideAndAssign(List<String> referrals) {
        awaitCases(referrals);
        forEach(referrals, id -> {
            String caseId = caseOfReferral.get(id);
            change(Participants.MUNICIPALITY, staff -> staff.cases().pickUp(caseId, new CasesApi.PickUp(wijkteam)));
            change(Participants.MUNICIPALITY, staff -> staff.cases().decide(caseId,
                    CasesApi.Decision.granted("rolstoel")));
            change(Participants.MUNICIPALITY, staff -> staff.cases().assign(caseId,
                    new CasesApi.Assign(Participants.PROVIDER.id())));
        });
    }

    /** Accepted and care started by the provider, concluded by the municipality, care ended. */
    void deliverCare(List<String> referrals, Consumer<Integer> afterEach) {
        List<String> cases = referrals.stream().map(caseOfReferral::get).toList();
        awaitAssignments(cases);
        AtomicInteger done = new AtomicInteger();
        forEach(cases, caseId -> {
            String assignment = assignmentOfCase.get(caseId);
            change(Participants.PROVIDER, staff -> staff.assignments().accept(assignment));
            change(Participants.PROVIDER, staff -> staff.assignments().startCare(assignment));
            change(Participants.MUNICIPALITY, staff -> staff.cases().conclude(caseId,
                    new CasesApi.Conclude("Rolstoel geleverd")));
            change(Participants.PROVIDER, staff -> staff.assignments().endCare(assignment,
                    new AssignmentsApi.EndCare(null)));
            afterEach.accept(done.incrementAndGet());
        });
    }

    String caseOf(String referral) {
        return caseOfReferral.get(referral);
    }

    private void awaitCases(List<String> referrals) {
        awaitAll(() -> {
            for (CasesApi.Case c : cases()) {
                caseOfReferral.put(c.referralId(), c.id());
            }
            return referrals.stream().allMatch(caseOfReferral::containsKey);
        }, "every referral's case at the municipality");
    }

    private void awaitAssignments(List<String> cases) {
        awaitAll(() -> {
            for (AssignmentsApi.Assignment a : assignments()) {
                assignmentOfCase.put(a.basis().objectId(), a.id());
            }
            return cases.stream().allMatch(assignmentOfCase::containsKey);
        }, "every case's assignment at the provider");
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static void awaitAll(Check check, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (Exception e) {
                // a node on its way back: look again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + PATIENCE);
            }
            ChaosNetwork.sleep(Duration.ofMillis(500));
        }
    }

    /** The municipality's cases, read again while the node is away. */
    List<CasesApi.Case> cases() {
        return read(Participants.MUNICIPALITY, staff -> staff.cases().list());
    }

    /** The provider's assignments, read again while the node is away. */
    List<AssignmentsApi.Assignment> assignments() {
        return read(Participants.PROVIDER, staff -> staff.assignments().list());
    }

    /** The GP's timeline of a referral, read again while the node is away. */
    JsonNode timeline(String referral) {
        return read(Participants.GP, staff -> staff.referrals().timeline(referral));
    }

    private <T> T read(Participant participant, Function<StaffClient, T> call) {
        return call(participant, call, false);
    }

    /**
     * A change: retried while the node, its database or its broker is away; counted once. Null when a retry was
     * refused as done already (the first attempt had committed; its answer was lost).
     */
    private <T> T change(Participant participant, Function<StaffClient, T> call) {
        T result = call(participant, call, true);
        changes.incrementAndGet();
        return result;
    }

    private <T> T call(Participant participant, Function<StaffClient, T> call, boolean change) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int attempt = 0;
        String last = "";
        while (System.nanoTime() < deadline) {
            attempt++;
            try {
                return call.apply(network.staff(participant));
            } catch (StaffApiException e) {
                int status = e.status();
                if (status == 409 && e.body().contains("changed-meanwhile")) {
                    last = "409 changed meanwhile"; // as the systems do: reload and try again
                } else if (status == 409 && change && attempt > 1) {
                    doneBeforeRetry.incrementAndGet();
                    return null;
                } else if (status < 500) {
                    throw new AssertionError(e.getMessage());
                } else {
                    last = status + " " + e.body();
                }
            } catch (ResourceAccessException e) {
                // the node, or its connection, is away
                last = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
            }
            retries.incrementAndGet();
            ChaosNetwork.sleep(Duration.ofMillis(Math.min(1_000, 100L * attempt)));
        }
        throw new AssertionError("a call to the " + participant.label() + " did not succeed within " + PATIENCE
                + "; last: " + last);
    }

    private <T> void forEach(List<T> items, Consumer<T> action) {
        List<Future<?>> running = new ArrayList<>();
        for (T item : items) {
            running.add(workers.submit(() -> action.accept(item)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AssertionError failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<Integer> indices(int size) {
        List<Integer> indices = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            indices.add(i);
        }
        return indices;
    }

    private static ReferralsApi.ReferralDraft referral(ChaosCitizens.Citizen citizen) {
        return new ReferralsApi.ReferralDraft(
                new ReferralsApi.Citizen(citizen.bsn(), citizen.name(), LocalDate.parse(ChaosCitizens.BIRTH_DATE),
                        new ReferralsApi.Address(ChaosCitizens.STREET, Integer.toString(citizen.number()),
                                ChaosCitizens.POSTAL_CODE, ChaosCitizens.CITY),
                        ChaosCitizens.PHONE),
                new ReferralsApi.ContactPerson(citizen.contactPerson(), "dochter", "06-87654321"),
                new ReferralsApi.Consent(Instant.now().minus(1, ChronoUnit.HOURS), "SIGNED",
                        "HIS-CHAOS-" + citizen.number(), List.of("intake", "referral-feedback", "care-delivery")),
                "Wheelchair (Wmo maatwerkvoorziening)", citizen.problem(), "REGULAR",
                new ReferralsApi.ContactPoint("Huisartsenpraktijk De Linde - assistentie", "038-1234567", null),
                Participants.MUNICIPALITY.id());
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
