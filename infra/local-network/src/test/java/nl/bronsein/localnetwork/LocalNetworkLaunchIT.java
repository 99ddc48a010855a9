package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import nl.bronsein.identityprovider.DevSignIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the local network as the README tells a new user to: the {@code ./network} script, and in a second terminal
 * {@code ./network demo} and {@code ./network --help}, while the first one runs — on the packaged launcher and node jars
 * ({@code target/local-network.jar}, {@code target/nodes}), with a real broker and three real node processes.
 *
 * <p>The script runs from a copy of the checkout's layout ({@link ScriptCheckout}) whose {@code mvnw} stands in for the
 * Maven build and does to the jars what a build does: it rewrites each in place, with its entries at other offsets.
 * Before the script snapshotted the jars, {@code ./network demo} rebuilt them under the running network and its broker
 * died of NoClassDefFoundError; here a rebuild also runs while the network is up, as a developer's {@code ./mvnw
 * install} would.
 *
 * <p>Checks over HTTP what the demo left at the GP, stops the network with SIGTERM, as Ctrl-C would, and checks that
 * everything is gone; starts it again on the same data directory and checks it goes on with the same certificates and
 * records; signs in at the identity provider with the authorization code flow and calls a node's staff API with the
 * access token it gave; kills the municipality node and then the broker with SIGKILL and checks that the launcher
 * starts each again
 * while the others keep answering; pastes the {@code curl} lines the launcher printed into bash, through the restarted
 * node and broker; walks the staff pages in a real browser on it ({@link StaffPagesWalk}); and stops it again. Runs in
 * {@code verify} (failsafe), after {@code package}.
 */
class LocalNetworkLaunchIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The development staff token of each node's staff API, by host:port, once the network issued them. */
    private final Map<String, String> staffTokens = new HashMap<>();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void launchesTheNetworkPlaysTheDemoAndStopsCleanly() throws Exception {
        assertThat(TARGET.resolve("local-network.jar")).as("run after package").isRegularFile();
        for (Participants.Participant participant : Participants.ALL) {
            assertThat(TARGET.resolve("nodes").resolve(participant.nodeJar())).isRegularFile();
        }
        assertThat(TARGET.resolve("nodes").resolve(IdentityProviderProcess.JAR)).isRegularFile();
        int[] ports = LocalNetworkFailureTest.freePorts(8);
        int kafka = ports[0];
        int gpPort = ports[1];
        int gpStaff = ports[2];
        int municipalityPort = ports[3];
        int municipalityStaff = ports[4];
        int providerPort = ports[5];
        int providerStaff = ports[6];
        int idp = ports[7];
        Path data = dir.resolve("network");
        ScriptCheckout checkout = ScriptCheckout.prepare(TARGET, dir.resolve("checkout"), dir.resolve("tmp"));
        List<String> command = checkout.network("--data-dir", data.toString(),
                "--kafka-port", "" + kafka, "--gp-port", "" + gpPort, "--gp-staff-port", "" + gpStaff,
                "--municipality-port", "" + municipalityPort, "--municipality-staff-port", "" + municipalityStaff,
                "--provider-port", "" + providerPort, "--provider-staff-port", "" + providerStaff,
                "--idp-port", "" + idp, "--startup-timeout", "" + READY_TIMEOUT.toSeconds());
        URI gp = URI.create("http://127.0.0.1:" + gpStaff);
        URI municipality = URI.create("http://127.0.0.1:" + municipalityStaff);
        URI provider = URI.create("http://127.0.0.1:" + providerStaff);
        List<Integer> allPorts = List.of(kafka, gpPort, gpStaff, municipalityPort, municipalityStaff, providerPort,
                providerStaff, idp);

        // first start: everything new
        Launcher first = Launcher.start(command, checkout.environment(), dir.resolve("launcher-1.out"));
        double firstStartup;
        double demoSeconds;
        String referralId;
        String directReferralId;
        String youthReferralId;
        String caseId;
        try {
            firstStartup = first.awaitReady();
            Map<String, String> tokens = NetworkFiles.readStaffTokens(data);
            staffTokens.put(gp.getAuthority(), tokens.get("gp"));
            staffTokens.put(municipality.getAuthority(), tokens.get("municipality"));
            staffTokens.put(provider.getAuthority(), tokens.get("provider"));
            assertThat(first.output()).contains("(new)", "127.0.0.1:" + kafka, gp + "/api/v1/referrals",
                    municipality + "/api/v1/cases", provider + "/api/v1/assignments", "https://localhost:" + providerPort,
                    data.resolve("logs").toString(), "provider.log", "curl -s -X POST", "/pick-up",
                    "the GP practice node is up", "the municipality node is up", "the provider node is up",
                    "./network demo --gp " + gp + " --municipality " + municipality + " --provider " + provider
                            + " --data-dir " + data,
                    "Identity provider   http://127.0.0.1:" + idp, "identity-provider.log",
                    "staff pages       " + gp + "/",
                    "sign in as        gp.huisarts / ", "gemeente.intake / ", "aanbieder.planner / ");
            assertThat(checkout.builds()).as("the first start builds").isEqualTo(1);
            checkSignIn("http://127.0.0.1:" + idp, gp, data, first.output());

            // a developer rebuilds while the network runs: the running network must not notice
            checkout.build();
            for (URI node : List.of(gp, municipality, provider)) {
                assertThat(getJson(node.resolve("/actuator/health")).path("status").asString()).as("%s", node)
                        .isEqualTo("UP");
            }
            JsonNode list = json.readTree(Files.readString(data.resolve("participants.json"))).path("participants");
            assertThat(list).hasSize(3);
            assertThat(list.get(0).path("nodeUrl").asString()).isEqualTo("https://localhost:" + gpPort);
            assertThat(list.get(1).path("nodeUrl").asString()).isEqualTo("https://localhost:" + municipalityPort);
            assertThat(list.get(2).path("nodeUrl").asString()).isEqualTo("https://localhost:" + providerPort);
            assertThat(list.get(2).path("id").asString()).isEqualTo("urn:nld:kvk:87654321");
            assertThat(list.get(2).path("role").asString()).isEqualTo("PROVIDER");

            // the demo, as a user would run it: the launcher's demo command against the running network
            long demoBegin = System.nanoTime();
            ProcessBuilder demoCommand = new ProcessBuilder(checkout.network("demo", "--gp", gp.toString(),
                    "--municipality", municipality.toString(), "--provider", provider.toString(), "--data-dir",
                    data.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("demo.out").toFile());
            demoCommand.environment().putAll(checkout.environment());
            Process demo = demoCommand.start();
            boolean ended = demo.waitFor(DEMO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                demo.destroyForcibly().waitFor();
            }
            demoSeconds = (System.nanoTime() - demoBegin) / 1e9;
            String demoOutput = Files.readString(dir.resolve("demo.out"));
            System.out.println(demoOutput);
            assertThat(ended).as("the demo ended within %s:%n%s", DEMO_TIMEOUT, demoOutput).isTrue();
            assertThat(demo.exitValue()).as("the demo's exit code; its output:%n%s", demoOutput).isZero();
            assertThat(demoOutput).contains("Where to look", "Demo done in ");
            // her access report: every node's log answered, and each recorded an access to her data
            String report = demoOutput.lines().filter(line -> line.contains("who accessed her data")).findFirst()
                    .orElseThrow();
            assertThat(report).contains(Participants.GP.name(), Participants.MUNICIPALITY.name(),
                    Participants.PROVIDER.name()).doesNotContain("niet bereikbaar", "gaf geen inzage");
            for (Participants.Participant owner : List.of(Participants.GP, Participants.MUNICIPALITY,
                    Participants.PROVIDER)) {
                assertThat(demoOutput).contains("ingezien (" + owner.name() + ")");
            }

            // --help while the network runs, as a user would look up an option
            ProcessBuilder helpCommand = new ProcessBuilder(checkout.network("--help")).redirectErrorStream(true);
            helpCommand.environment().putAll(checkout.environment());
            Process help = helpCommand.start();
            String helpOutput = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(help.exitValue()).as("./network --help: %s", helpOutput).isZero();
            assertThat(helpOutput).startsWith("Usage: local-network").contains("--data-dir=DIR", "demo");
            assertThat(checkout.builds()).as("demo and --help use the built jars; only a start builds").isEqualTo(2);

            // what the demo recorded, read back over HTTP
            referralId = referralTo(gp, Participants.MUNICIPALITY.id(), Demo.WHEELCHAIR);
            directReferralId = referralTo(gp, Participants.PROVIDER.id(), Demo.WELFARE_COACH);
            youthReferralId = referralTo(gp, Participants.PROVIDER.id(), Demo.YOUTH_CARE);
            assertThat(demoOutput).contains(gp + "/api/v1/referrals/" + referralId + "/timeline",
                    gp + "/api/v1/referrals/" + directReferralId + "/timeline",
                    gp + "/api/v1/referrals/" + youthReferralId + "/timeline");
            assertThat(Demo.milestones(timeline(gp, referralId))).containsAll(List.of("ARRIVED", "PICKED_UP",
                    "INDICATION_GRANTED", "PROVIDER_ASSIGNED", "CARE_STARTED", "CONCLUDED"));
            assertThat(Demo.milestones(timeline(gp, directReferralId))).containsAll(List.of("ARRIVED", "PICKED_UP",
                    "CARE_STARTED"));
            assertThat(timeline(gp, referralId).path("contactPoint").path("name").asString())
                    .isEqualTo("Wijkteam Zwolle-Zuid");
            JsonNode theCase = null;
            for (JsonNode c : getJson(municipality.resolve("/api/v1/cases"))) {
                if (referralId.equals(c.path("referralId").asString())) {
                    theCase = c;
                }
            }
            assertThat(theCase).as("the municipality's case for referral %s", referralId).isNotNull();
            caseId = theCase.path("id").asString();
            assertThat(theCase.path("status").asString()).isEqualTo("CONCLUDED");
            assertThat(getJson(municipality.resolve("/api/v1/cases/" + caseId)).path("referral").path("content")
                    .path("contactPerson").path("name").asString()).isEqualTo("Jan de Vries");
            List<String> assignments = new ArrayList<>();
            for (JsonNode a : getJson(provider.resolve("/api/v1/assignments"))) {
                assignments.add(a.path("basis").path("objectType").asString() + " " + a.path("basis")
                        .path("objectId").asString() + " " + a.path("status").asString());
            }
            assertThat(assignments).containsExactlyInAnyOrder("case " + caseId + " CARE_STARTED",
                    "referral " + directReferralId + " CARE_STARTED", "referral " + youthReferralId + " CARE_STARTED");
            checkIssue18(gp, municipality, referralId, caseId);
            checkYouthCare(gp, municipality, provider, youthReferralId, demoOutput);

            first.stopAndCheck();
        } finally {
            first.kill();
        }
        assertThat(LocalNetwork.awaitPortsFree(allPorts, Duration.ofSeconds(20))).as("ports free after stop: %s",
                allPorts).isTrue();
        String fingerprints = Files.readString(data.resolve("participants.json"));

        // second start: same certificates, broker data and databases
        Launcher second = Launcher.start(command, checkout.environment(), dir.resolve("launcher-2.out"));
        double secondStartup;
        try {
            secondStartup = second.awaitReady();
            assertThat(second.output()).contains("(reused)").doesNotContain("(new)");
            assertThat(Files.readString(data.resolve("participants.json"))).isEqualTo(fingerprints);
            assertThat(referralTo(gp, Participants.MUNICIPALITY.id(), Demo.WHEELCHAIR))
                    .as("the referral recorded before the restart").isEqualTo(referralId);
            assertThat(referralTo(gp, Participants.PROVIDER.id(), Demo.WELFARE_COACH)).isEqualTo(directReferralId);
            assertThat(referralTo(gp, Participants.PROVIDER.id(), Demo.YOUTH_CARE)).isEqualTo(youthReferralId);
            assertThat(Demo.milestones(timeline(gp, referralId))).contains("PICKED_UP", "CONCLUDED");
            boolean caseKept = false;
            for (JsonNode c : getJson(municipality.resolve("/api/v1/cases"))) {
                caseKept |= caseId.equals(c.path("id").asString());
            }
            assertThat(caseKept).as("the municipality's case survives the restart").isTrue();
            assertThat(getJson(provider.resolve("/api/v1/assignments"))).as("the provider's assignments survive the"
                    + " restart").hasSize(3);

            // a node that dies is restarted while the others keep serving. (The broker is restarted the same way:
            // LocalNetworkFailureTest kills the real broker; ChaosIT takes it away under real nodes.)
            second.killAndAwaitRestart("node-municipality.jar", "the municipality node",
                    () -> getJson(gp.resolve("/api/v1/referrals")));
            List<String> casesAfterRestart = new ArrayList<>();
            getJson(municipality.resolve("/api/v1/cases")).forEach(c -> casesAfterRestart.add(c.path("id").asString()
                    + " " + c.path("status").asString()));
            assertThat(casesAfterRestart).as("the restarted municipality node's cases").contains(caseId + " CONCLUDED");

            // the printed curl lines, pasted into a shell as they are: through the restarted node
            String pasted = runPrintedCommands(second.output());
            String pastedReferral = idAfter(pasted, "referral ");
            assertThat(idAfter(pasted, "contact point ")).isNotBlank();
            assertThat(idAfter(pasted, "case ")).isNotBlank();
            assertThat(pasted).contains("\"status\":\"PICKED_UP\"");
            awaitMilestones(gp, pastedReferral, List.of("ARRIVED", "PICKED_UP"));

            // the staff pages in a real browser, signed in at the launcher's identity provider, on this same network:
            // a network of its own for them cost the suite a start of five processes
            new StaffPagesWalk(IdentityProviderProcess.Credentials.read(new NetworkFiles(data).devCredentials()),
                    gp.toString(), municipality.toString(), provider.toString(),
                    new StaffPagesWalk.Records() {
                        @Override
                        public String caseOf(String referralId) throws Exception {
                            return awaitId(municipality.resolve("/api/v1/cases"), "/referralId", referralId);
                        }

                        @Override
                        public String assignmentOf(String caseId) throws Exception {
                            return awaitId(provider.resolve("/api/v1/assignments"), "/basis/objectId", caseId);
                        }
                    }).walk();

            second.stopAndCheck();
        } finally {
            second.kill();
        }
        assertThat(LocalNetwork.awaitPortsFree(allPorts, Duration.ofSeconds(20))).isTrue();

        String timing = String.format(Locale.ROOT, "LocalNetworkLaunchIT: first start (new PKI, new broker, new"
                + " databases) %.1f s, demo %.1f s, second start (all reused) %.1f s, on %d processors%n",
                firstStartup, demoSeconds, secondStartup, Runtime.getRuntime().availableProcessors());
        System.out.print(timing);
        Files.writeString(TARGET.resolve("local-network-launch-it.txt"), timing, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Runs the lines the launcher printed under "Try it" with bash, as a user pasting them would; returns what they
     * printed, after checking that they succeeded.
     */
    private String runPrintedCommands(String launcherOutput) throws IOException, InterruptedException {
        String tryIt = launcherOutput.substring(launcherOutput.indexOf("Try it"),
                launcherOutput.indexOf("The whole story"));
        String script = tryIt.lines().skip(1).filter(line -> !line.strip().startsWith("#")
                && !line.strip().endsWith("):")).map(String::strip).reduce("set -e", (a, b) -> a + "\n" + b);
        Files.writeString(dir.resolve("pasted.sh"), script);
        Process bash = new ProcessBuilder("bash", dir.resolve("pasted.sh").toString()).redirectErrorStream(true)
                .start();
        String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as("the printed commands:%n%s%nprinted:%n%s", script, printed).isZero();
        return printed;
    }

    /** The uuid printed after {@code label} at the start of a line. */
    private static String idAfter(String text, String label) {
        return text.lines().filter(line -> line.startsWith(label)).map(line -> line.substring(label.length()).strip())
                .filter(id -> id.matches("[0-9a-f-]{36}")).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "<id>' in:\n" + text));
    }

    private void awaitMilestones(URI gp, String referralId, List<String> milestones) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = Demo.milestones(timeline(gp, referralId));
        while (!seen.containsAll(milestones) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            seen = Demo.milestones(timeline(gp, referralId));
        }
        assertThat(seen).as("the GP's timeline of %s", referralId).containsAll(milestones);
    }

    /**
     * What the demo left of issue 18's features, read back from the nodes that received it: the GP's directory holds
     * the catalogue service the referral names, and the municipality's case shows it; the question is answered at the
     * municipality with the GP's answer as pulled, and the GP's copy shows it settled; the GP lists the wijkteam's
     * involvement with Mr Mulder.
     */
    private void checkIssue18(URI gp, URI municipality, String referralId, String caseId)
            throws IOException, InterruptedException {
        JsonNode named = getJson(gp.resolve("/api/v1/referrals/" + referralId)).path("referral")
                .path("catalogueService");
        assertThat(named.path("owner").asString()).isEqualTo(Participants.MUNICIPALITY.id());
        String serviceId = named.path("serviceId").asString();
        List<String> directory = new ArrayList<>();
        for (JsonNode service : getJson(gp.resolve("/api/v1/catalogue"))) {
            directory.add(service.path("objectId").asString() + " " + service.path("name").asString() + " "
                    + service.path("providers"));
        }
        assertThat(directory).contains(serviceId + " " + Demo.CATALOGUE_SERVICE + " [\"" + Participants.PROVIDER.id()
                + "\"]");
        assertThat(getJson(municipality.resolve("/api/v1/cases/" + caseId)).path("catalogueService").path("name")
                .asString()).isEqualTo(Demo.CATALOGUE_SERVICE);

        List<JsonNode> questions = new ArrayList<>();
        getJson(municipality.resolve("/api/v1/questions")).forEach(questions::add);
        assertThat(questions).singleElement().satisfies(thread -> {
            assertThat(thread.path("question").path("caseId").asString()).isEqualTo(caseId);
            assertThat(thread.path("question").path("status").asString()).isEqualTo("ANSWERED");
            assertThat(thread.path("answer").path("owner").asString()).isEqualTo(Participants.GP.id());
            assertThat(thread.path("answer").path("content").path("answer").asString()).isEqualTo(Demo.ANSWER);
        });
        List<JsonNode> incoming = new ArrayList<>();
        getJson(gp.resolve("/api/v1/questions")).forEach(incoming::add);
        assertThat(incoming).singleElement().satisfies(thread -> {
            assertThat(thread.path("referralId").asString()).isEqualTo(referralId);
            assertThat(thread.path("question").path("content").path("status").asString()).isEqualTo("ANSWERED");
            assertThat(thread.path("answer").path("answer").asString()).isEqualTo(Demo.ANSWER);
        });

        List<JsonNode> involvements = new ArrayList<>();
        getJson(gp.resolve("/api/v1/involvements")).forEach(involvements::add);
        assertThat(involvements).singleElement().satisfies(known -> {
            assertThat(known.path("municipality").asString()).isEqualTo(Participants.MUNICIPALITY.id());
            assertThat(known.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(known.path("citizen").path("bsn").asString()).isEqualTo(Demo.SECOND_CITIZEN.bsn());
            assertThat(known.path("contactPoint").path("name").asString())
                    .isEqualTo(Demo.MUNICIPALITY_CONTACT_POINT_NAME);
        });
    }

    /**
     * What the demo left of the youth-care story, read back from each node: the municipality holds a case on the
     * provider's request, requested by the provider, resting on the GP's Jeugdwet referral with the child's and a
     * parent's consent, and assigned to that provider; the provider's request is GRANTED, answered by that case; the
     * GP's timeline of the referral shows every step, learned from the case and the assignment.
     */
    private void checkYouthCare(URI gp, URI municipality, URI provider, String referralId, String demoOutput)
            throws IOException, InterruptedException {
        List<JsonNode> requests = new ArrayList<>();
        getJson(provider.resolve("/api/v1/assignment-requests")).forEach(requests::add);
        assertThat(requests).as("the provider's requests for an assignment").hasSize(1);
        JsonNode request = requests.get(0);
        String requestId = request.path("id").asString();
        assertThat(request.path("referral").path("objectId").asString()).isEqualTo(referralId);
        assertThat(request.path("municipality").asString()).isEqualTo(Participants.MUNICIPALITY.id());
        assertThat(request.path("productCategory").asString()).isEqualTo(Demo.YOUTH_PRODUCT);

        JsonNode youthCase = null;
        for (JsonNode c : getJson(municipality.resolve("/api/v1/cases"))) {
            if (requestId.equals(c.path("requestId").asString())) {
                youthCase = c;
            }
        }
        assertThat(youthCase).as("the municipality's case on request %s", requestId).isNotNull();
        String caseId = youthCase.path("id").asString();
        assertThat(youthCase.path("requestedBy").asString()).isEqualTo(Participants.PROVIDER.id());
        assertThat(youthCase.path("referralId").asString()).isEqualTo(referralId);
        assertThat(youthCase.path("status").asString()).isEqualTo("ASSIGNED");
        assertThat(youthCase.path("assignedProvider").asString()).isEqualTo(Participants.PROVIDER.id());
        JsonNode detail = getJson(municipality.resolve("/api/v1/cases/" + caseId));
        assertThat(detail.path("referral").path("owner").asString()).isEqualTo(Participants.GP.id());
        assertThat(detail.path("referral").path("content").path("legalFramework").asString()).isEqualTo("JEUGDWET");
        List<String> consentedBy = new ArrayList<>();
        detail.path("referral").path("content").path("consent").path("givenBy")
                .forEach(giver -> consentedBy.add(giver.path("role").asString()));
        assertThat(consentedBy).containsExactlyElementsOf(Demo.YOUTH_CONSENT_ROLES);
        assertThat(detail.path("request").path("owner").asString()).isEqualTo(Participants.PROVIDER.id());
        assertThat(detail.path("request").path("objectId").asString()).isEqualTo(requestId);

        JsonNode granted = getJson(provider.resolve("/api/v1/assignment-requests/" + requestId));
        assertThat(granted.path("status").asString()).isEqualTo("GRANTED");
        assertThat(granted.path("answeredBy").path("owner").asString()).isEqualTo(Participants.MUNICIPALITY.id());
        assertThat(granted.path("answeredBy").path("objectId").asString()).isEqualTo(caseId);

        JsonNode timeline = timeline(gp, referralId);
        assertThat(Demo.milestones(timeline)).containsExactlyElementsOf(Demo.YOUTH_REFERRAL_MILESTONES);
        List<String> sources = new ArrayList<>();
        timeline.path("sources").forEach(source -> sources.add(source.path("object").path("objectType").asString()));
        assertThat(sources).containsExactlyInAnyOrder("case", "assignment");
        assertThat(demoOutput).contains(municipality + "/api/v1/cases/" + caseId,
                provider + "/api/v1/assignment-requests/" + requestId)
                // the municipality's case holds the referral as pulled; the demo shows roles, not who or when born
                .doesNotContain(Demo.YOUTH_BSN).doesNotContain(Demo.YOUTH_NAME);
    }

    /**
     * A GP signs in at the running identity provider with the password the launcher printed, by the authorization code
     * flow with PKCE as the GP node's client (the code flow of the identity provider's own test), and the GP node's
     * staff API takes the access token: it verifies it at the provider's JWKS. A municipality's intake officer signing in
     * as the GP node's client gets a token without tasks there, which that API refuses.
     */
    private void checkSignIn(String issuer, URI gp, Path data, String launcherOutput) throws Exception {
        IdentityProviderProcess.Credentials credentials = IdentityProviderProcess.Credentials.read(
                new NetworkFiles(data).devCredentials());
        IdentityProviderProcess.User huisarts = credentials.users(Participants.GP).stream()
                .filter(user -> user.roles().equals(List.of("GP"))).findFirst().orElseThrow();
        assertThat(launcherOutput).contains(huisarts.username() + " / " + huisarts.password() + " (GP)");
        String redirect = gp + "/login/oauth2/code/staff";
        String secret = credentials.clientSecrets().get("gp");

        DevSignIn.Tokens tokens = DevSignIn.discover(issuer).signIn("gp", secret, redirect, huisarts.username(),
                huisarts.password(), "launch-it");
        assertThat(staffCall(gp.resolve("/api/v1/involvements"), tokens.accessToken()).statusCode())
                .as("the GP's involvements with the IdP's access token").isEqualTo(200);
        assertThat(staffCall(gp.resolve("/api/v1/contact-points"), tokens.accessToken()).statusCode()).isEqualTo(200);

        IdentityProviderProcess.User intake = credentials.users(Participants.MUNICIPALITY).stream()
                .filter(user -> user.roles().equals(List.of("INTAKE_OFFICER"))).findFirst().orElseThrow();
        DevSignIn.Tokens stranger = DevSignIn.discover(issuer).signIn("gp", secret, redirect, intake.username(),
                intake.password(), "launch-it");
        // a valid token without roles (the identity provider gives none for another organisation's user): no task here
        assertThat(staffCall(gp.resolve("/api/v1/involvements"), stranger.accessToken()).statusCode())
                .as("a municipality's user at the GP node").isEqualTo(403);
    }

    private HttpResponse<String> staffCall(URI uri, String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The id of the one referral the GP addressed to {@code addressee} for {@code requestedSupport}. */
    private String referralTo(URI gp, String addressee, String requestedSupport)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : getJson(gp.resolve("/api/v1/referrals"))) {
            if (addressee.equals(r.path("addressee").asString())
                    && requestedSupport.equals(r.path("requestedSupport").asString())) {
                ids.add(r.path("id").asString());
            }
        }
        assertThat(ids).as("the GP's referrals to %s for %s", addressee, requestedSupport).hasSize(1);
        return ids.get(0);
    }

    /** The id of the record in a staff API's list whose field ({@code pointer}) holds {@code value}, once there is one. */
    private String awaitId(URI list, String pointer, String value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            for (JsonNode record : getJson(list)) {
                if (value.equals(record.at(pointer).asString())) {
                    return record.path("id").asString();
                }
            }
            assertThat(System.nanoTime()).as("a record in %s with %s %s", list, pointer, value).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private JsonNode timeline(URI gp, String referralId) throws IOException, InterruptedException {
        return getJson(gp.resolve("/api/v1/referrals/" + referralId + "/timeline"));
    }

    private JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15));
        if (staffTokens.containsKey(uri.getAuthority())) {
            request.header("Authorization", "Bearer " + staffTokens.get(uri.getAuthority()));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The launcher as a child process, its output collected (and copied to a file for a failed build). */
    private static final class Launcher {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final long startedAt;
        private final Thread reader;

        private Launcher(Process process, Path copy) {
            this.process = process;
            this.startedAt = System.nanoTime();
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        output.append(line).append('\n');
                        Files.writeString(copy, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Launcher start(List<String> command, Map<String, String> environment, Path copy) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new Launcher(builder.start(), copy);
        }

        String output() {
            return output.toString();
        }

        /** Waits for the ready line; returns seconds since the launcher process was started. */
        double awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + READY_TIMEOUT.plusSeconds(30).toNanos();
            while (!output().contains(LocalNetworkMain.READY_LAST_LINE)) {
                if (!process.isAlive()) {
                    reader.join(2_000);
                    throw new AssertionError("the launcher exited with " + process.exitValue()
                            + " before the network was up:\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the network was not up within " + READY_TIMEOUT + ":\n" + output());
                }
                Thread.sleep(100);
            }
            return (System.nanoTime() - startedAt) / 1e9;
        }

        /**
         * SIGKILL to the child whose command line contains {@code commandPart}, as a crash would end it: the launcher
         * must say which process died and how and start it again, while the others keep running and {@code meanwhile}
         * (a call to a node that did not die) keeps succeeding.
         */
        void killAndAwaitRestart(String commandPart, String label, Call meanwhile) throws Exception {
            List<ProcessHandle> children = process.descendants().toList();
            List<ProcessHandle> victims = children.stream().filter(child -> child.info().commandLine()
                    .orElse("").contains(commandPart)).toList();
            assertThat(victims).as("the process of %s among %s", label, children).hasSize(1);
            List<ProcessHandle> others = children.stream().filter(child -> !victims.contains(child)).toList();
            victims.get(0).destroyForcibly();
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            int calls = 0;
            while (!output().contains("  " + label + " is up again")) {
                assertThat(process.isAlive()).as("the launcher runs on:%n%s", output()).isTrue();
                assertThat(System.nanoTime()).as("%s up again within %s:%n%s", label, READY_TIMEOUT, output())
                        .isLessThan(deadline);
                meanwhile.run(); // fails the test if another node does not answer while this one restarts
                calls++;
                Thread.sleep(250);
            }
            assertThat(calls).as("calls to the others while %s restarted", label).isPositive();
            assertThat(output()).contains("local-network: " + label + " exited unexpectedly with code 137 (killed by"
                    + " signal 9, SIGKILL); restarting it (its log: ");
            assertThat(others).as("the others keep running").allMatch(ProcessHandle::isAlive);
        }

        /** A call that throws (or fails an assertion) when it does not succeed. */
        interface Call {
            void run() throws Exception;
        }

        /** SIGTERM, as Ctrl-C would; the launcher must stop its nodes and broker and say "stopped". */
        void stopAndCheck() throws InterruptedException {
            List<ProcessHandle> nodes = process.descendants().toList();
            assertThat(nodes).as("node, broker and identity provider processes").hasSize(Participants.ALL.size() + 2);
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output pipe
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher stopped within 60 s").isTrue();
            reader.join(5_000);
            assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(output()).contains("the GP practice node stopped", "the municipality node stopped",
                    "the provider node stopped", "the Kafka broker stopped", "the identity provider stopped",
                    "\nstopped\n");
            assertThat(nodes).noneMatch(ProcessHandle::isAlive);
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
