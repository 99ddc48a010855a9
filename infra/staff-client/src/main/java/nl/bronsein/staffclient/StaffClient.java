package nl.bronsein.staffclient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One node's staff API, as the tools and tests that drive a network use it: a base URL (e.g.
 * {@code http://127.0.0.1:8080}) and the staff token to send (null: none). Every error status is a
 * {@link StaffApiException} carrying the status and the body.
 *
 * <p>Which interfaces a node answers depends on its kind: {@link #referrals()}, {@link #incomingQuestions()} and {@link
 * #knownInvolvements()} the GP's; {@link #cases()}, {@link #questions()} and {@link #involvements()} the municipality's;
 * {@link #assignments()} the provider's; {@link #citizenAccess()} the GP's and the municipality's;
 * {@link #contactPoints()}, {@link #catalogue()} and {@link #admin()} every node's.
 */
public final class StaffClient {

    /** How long a connection may take to open, and a default for how long an answer may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Fields left out are not sent at all (several forms tell "not given" from null); a field a view leaves out reads
     * as 0 or false, and one the client does not know is skipped, so a view may grow without breaking its callers.
     */
    static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final URI baseUrl;
    private final ReferralsApi referrals;
    private final CasesApi cases;
    private final AssignmentsApi assignments;
    private final AssignmentRequestsApi assignmentRequests;
    private final QuestionsApi questions;
    private final IncomingQuestionsApi incomingQuestions;
    private final ContactPointsApi contactPoints;
    private final CitizenAccessApi citizenAccess;
    private final CatalogueApi catalogue;
    private final AdminApi admin;
    private final InvolvementsApi involvements;
    private final KnownInvolvementsApi knownInvolvements;

    private StaffClient(URI baseUrl, RestClient rest) {
        this.baseUrl = baseUrl;
        HttpServiceProxyFactory factory = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build();
        this.referrals = factory.createClient(ReferralsApi.class);
        this.cases = factory.createClient(CasesApi.class);
        this.assignments = factory.createClient(AssignmentsApi.class);
        this.assignmentRequests = factory.createClient(AssignmentRequestsApi.class);
        this.questions = factory.createClient(QuestionsApi.class);
        this.incomingQuestions = factory.createClient(IncomingQuestionsApi.class);
        this.contactPoints = factory.createClient(ContactPointsApi.class);
        this.citizenAccess = factory.createClient(CitizenAccessApi.class);
        this.catalogue = factory.createClient(CatalogueApi.class);
        this.admin = factory.createClient(AdminApi.class);
        this.involvements = factory.createClient(InvolvementsApi.class);
        this.knownInvolvements = factory.createClient(KnownInvolvementsApi.class);
    }

    /** A client of the staff API at {@code baseUrl} sending {@code token} (null: no Authorization header). */
    public static StaffClient connect(URI baseUrl, String token) {
        return connect(baseUrl, token, DEFAULT_TIMEOUT);
    }

    /** As {@link #connect(URI, String)}, waiting at most {@code timeout} to connect and for each answer. */
    public static StaffClient connect(URI baseUrl, String token, Duration timeout) {
        // HTTP/1.1 as the nodes' staff ports speak it: left at the JDK's default (HTTP/2), every new connection would
        // first offer an h2c upgrade the node declines. The one HttpClient keeps its connections open between calls.
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        RestClient.Builder rest = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(JSON)))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new StaffApiException(request.getMethod().name(), request.getURI().toString(),
                            response.getStatusCode().value(), body(response.getBody()));
                });
        if (token != null) {
            rest.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return new StaffClient(baseUrl, rest.build());
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** A citizen's access report, at the GP practice's or the municipality's desk. */
    public CitizenAccessApi citizenAccess() {
        return citizenAccess;
    }

    /** The GP's referrals. */
    public ReferralsApi referrals() {
        return referrals;
    }

    /** The municipality's cases. */
    public CasesApi cases() {
        return cases;
    }

    /** The provider's assignments. */
    public AssignmentsApi assignments() {
        return assignments;
    }

    /** The provider's requests for an assignment of youth care. */
    public AssignmentRequestsApi assignmentRequests() {
        return assignmentRequests;
    }

    /** The municipality's targeted questions to GP practices. */
    public QuestionsApi questions() {
        return questions;
    }

    /** The questions municipalities asked the GP practice, with its answers. */
    public IncomingQuestionsApi incomingQuestions() {
        return incomingQuestions;
    }

    /** The municipality's involvements, which the wijkteam records. */
    public InvolvementsApi involvements() {
        return involvements;
    }

    /** The GP practice's list of the involvements municipalities told it of. */
    public KnownInvolvementsApi knownInvolvements() {
        return knownInvolvements;
    }

    /** Every node's contact points. */
    public ContactPointsApi contactPoints() {
        return contactPoints;
    }

    /** Every node's directory of the service catalogue; a municipality's publication of its own services. */
    public CatalogueApi catalogue() {
        return catalogue;
    }

    /** Every node's administration: rewind and rebuild. */
    public AdminApi admin() {
        return admin;
    }

    /** Writes a request body as the client sends it (for a {@code curl} line a user can paste, for example). */
    public static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    private static String body(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
