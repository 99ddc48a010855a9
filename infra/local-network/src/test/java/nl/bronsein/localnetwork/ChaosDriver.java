package nl.bronsein.localnetwork;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import nl.bronsein.localnetwork.Participants.Participant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workload of the chaos suite: many citizens referred to the municipality, their contact persons changed over and
 * over, and each referral taken through the whole granted path at the municipality and the provider — through the
 * staff APIs, as the practice's, municipality's and provider's own systems would. A call that fails because a node, its
 * database or the broker is away is retried, as such a system would; every change the driver made is counted once.
 */
final class ChaosDriver implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
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
        wijkteam = change(Participants.MUNICIPALITY, "POST", "/api/v1/contact-points",
                Map.of("name", "Wijkteam Zwolle-Zuid", "phone", "038-4980000")).path("id").asString();
    }

    List<String> refer(List<ChaosCitizens.Citizen> citizens) {
        List<String> ids = new ArrayList<>(java.util.Collections.nCopies(citizens.size(), null));
        forEach(indices(citizens.size()), i -> ids.set(i, change(Participants.GP, "POST", "/api/v1/referrals",
                referral(citizens.get(i))).path("id").asString()));
        return ids;
    }

    /** {@code rounds} changes of contact person on every referral, the referrals interleaved. */
    void changeContactPersons(List<String> referrals, int rounds, Consumer<Integer> afterRound) {
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            forEach(referrals, id -> change(Participants.GP, "PUT", "/api/v1/referrals/" + id + "/contact-person",
                    Map.of("name", ChaosCitizens.contactPerson(id, r), "relation", "mantelzorger",
                            "phone", "06-1234" + String.format("%04d", r))));
            afterRound.accept(round);
        }
    }

    /** Picked up, granted a wheelchair, assigned to the provider: as soon as each case has arrived. */
    void decideAndAssign(List<String> referrals) {
        awaitCases(referrals);
        forEach(referrals, id -> {
            String caseId = caseOfReferral.get(id);
            change(Participants.MUNICIPALITY, "POST", "/api/v1/cases/" + caseId + "/pick-up", Map.of("contactPointId", wijkteam));
            change(Participants.MUNICIPALITY, "POST", "/api/v1/cases/" + caseId + "/decide",
                    Map.of("outcome", "GRANTED", "productCategory", "rolstoel"));
            change(Participants.MUNICIPALITY, "POST", "/api/v1/cases/" + caseId + "/assign",
                    Map.of("provider", Participants.PROVIDER.id()));
        });
    }

    /** Accepted and care started by the provider, concluded by the municipality, care ended. */
    void deliverCare(List<String> referrals, Consumer<Integer> afterEach) {
        List<String> cases = referrals.stream().map(caseOfReferral::get).toList();
        awaitAssignments(cases);
        AtomicInteger done = new AtomicInteger();
        forEach(cases, caseId -> {
            String assignment = "/api/v1/assignments/" + assignmentOfCase.get(caseId);
            change(Participants.PROVIDER, "POST", assignment + "/accept", Map.of());
            change(Participants.PROVIDER, "POST", assignment + "/start-care", Map.of());
            change(Participants.MUNICIPALITY, "POST", "/api/v1/cases/" + caseId + "/conclude",
                    Map.of("conclusion", "Rolstoel geleverd"));
            change(Participants.PROVIDER, "POST", assignment + "/end-care", Map.of());
            afterEach.accept(done.incrementAndGet());
        });
    }

    String caseOf(String referral) {
        return caseOfReferral.get(referral);
    }

    private void awaitCases(List<String> referrals) {
        awaitAll(() -> {
            for (JsonNode c : read(Participants.MUNICIPALITY, "/api/v1/cases")) {
                caseOfReferral.put(c.path("referralId").asString(), c.path("id").asString());
            }
            return referrals.stream().allMatch(caseOfReferral::containsKey);
        }, "every referral's case at the municipality");
    }

    private void awaitAssignments(List<String> cases) {
        awaitAll(() -> {
            for (JsonNode a : read(Participants.PROVIDER, "/api/v1/assignments")) {
                assignmentOfCase.put(a.path("basis").path("objectId").asString(), a.path("id").asString());
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

    /** A GET that is retried while the node is away. */
    JsonNode read(Participant participant, String path) {
        return call(participant, "GET", path, null, false);
    }

    /** A change: retried while the node, its database or its broker is away; counted once. */
    private JsonNode change(Participant participant, String method, String path, Object body) {
        JsonNode result = call(participant, method, path, JSON.writeValueAsString(body), true);
        changes.incrementAndGet();
        return result;
    }

    private JsonNode call(Participant participant, String method, String path, String json, boolean change) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int attempt = 0;
        String last = "";
        while (System.nanoTime() < deadline) {
            attempt++;
            try {
                HttpResponse<String> response = network.staff(participant, method, path, json);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
                }
                if (status == 409 && response.body().contains("changed-meanwhile")) {
                    last = "409 changed meanwhile"; // as the systems do: reload and try again
                } else if (status == 409 && change && attempt > 1) {
                    doneBeforeRetry.incrementAndGet();
                    return JSON.createObjectNode();
                } else if (status < 500) {
                    throw new AssertionError(method + " " + path + " answered " + status + ": " + response.body());
                } else {
                    last = status + " " + response.body();
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            retries.incrementAndGet();
            ChaosNetwork.sleep(Duration.ofMillis(Math.min(1_000, 100L * attempt)));
        }
        throw new AssertionError(method + " " + path + " at the " + participant.label() + " did not succeed within "
                + PATIENCE + "; last: " + last);
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

    private static Map<String, Object> referral(ChaosCitizens.Citizen citizen) {
        Map<String, Object> referral = new HashMap<>();
        referral.put("citizen", Map.of("bsn", citizen.bsn(), "name", citizen.name(), "birthDate", ChaosCitizens.BIRTH_DATE,
                "address", Map.of("street", ChaosCitizens.STREET, "houseNumber", Integer.toString(citizen.number()),
                        "postalCode", ChaosCitizens.POSTAL_CODE, "city", ChaosCitizens.CITY),
                "phone", ChaosCitizens.PHONE));
        referral.put("contactPerson", Map.of("name", citizen.contactPerson(), "relation", "dochter", "phone", "06-87654321"));
        referral.put("consent", Map.of("givenAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "form", "SIGNED",
                "documentReference", "HIS-CHAOS-" + citizen.number(),
                "purposes", List.of("intake", "referral-feedback", "care-delivery")));
        referral.put("requestedSupport", "Wheelchair (Wmo maatwerkvoorziening)");
        referral.put("problemAnalysis", citizen.problem());
        referral.put("urgency", "REGULAR");
        referral.put("contactPoint", Map.of("name", "Huisartsenpraktijk De Linde - assistentie", "phone", "038-1234567"));
        referral.put("addressee", Participants.MUNICIPALITY.id());
        return referral;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
