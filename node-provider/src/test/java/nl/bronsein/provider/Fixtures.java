package nl.bronsein.provider;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.DecisionView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;

/** Participants, views and a migrated in-memory database for tests that need no Spring context and no Kafka. */
public final class Fixtures {

    /** The network of the service test's slice, so that what these build and what it runs on name the same parties. */
    public static final String PROVIDER = SliceNetwork.PROVIDER;
    public static final String OTHER_PROVIDER = SliceNetwork.OTHER_PROVIDER;
    public static final String MUNICIPALITY = SliceNetwork.MUNICIPALITY;
    public static final String GP = SliceNetwork.GP;
    public static final Instant NOW = Instant.parse("2026-03-02T09:15:30.123456Z");

    private Fixtures() {
    }

    public static Participant participant(String urn, ParticipantRole role) {
        return new Participant(ParticipantId.of(urn), role, role.name().toLowerCase(), URI.create("https://node.example:8443"),
                fingerprint(urn));
    }

    /** A fingerprint of its own per participant, as a participant list requires. */
    private static String fingerprint(String urn) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(urn.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NodeIdentity provider() {
        return new NodeIdentity(participant(PROVIDER, ParticipantRole.PROVIDER));
    }

    /** The runtime's and the provider's migrations, each with its own history, as the runtime's migration strategy runs them. */
    public static DataSource database(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/runtime").table("bronsein_runtime_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        Flyway.configure().dataSource(ds).locations("classpath:db/provider")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return ds;
    }

    public static ReferralIntakeView.Consent consent(ConsentStatus status, String... purposes) {
        return new ReferralIntakeView.Consent("c-1", NOW, "SIGNED", "doc-1", List.of(purposes), status);
    }

    /** The municipality's case: its own data and a reference to the GP's referral r-1, nothing of the referral itself. */
    public static CaseCareDeliveryView caseView(String id, CaseStatus status, String assignedProvider) {
        return new CaseCareDeliveryView(id, 3, MUNICIPALITY, status, new ObjectReferenceView(GP, "referral", "r-1"),
                assignedProvider, NOW, new DecisionView(DecisionOutcome.GRANTED, "begeleiding-individueel", null, null, NOW), null, null);
    }

    /** The GP's referral r-1 as the assigned provider pulls it from the GP. */
    public static ReferralCareDeliveryView careDeliveryReferral(String id, ReferralIntakeView.Consent consent) {
        return new ReferralCareDeliveryView(id, 2, GP, ReferralStatus.RECORDED, NOW,
                new ReferralIntakeView.Citizen("999990019", "J. Jansen", null, null, null),
                new ReferralIntakeView.ContactPerson("A. Jansen", "partner", "0612345678"), consent,
                "support", null, "ROUTINE", null);
    }

    public static ReferralIntakeView referralView(String id, String addressee, ReferralIntakeView.Consent consent) {
        return new ReferralIntakeView(id, 2, GP, ReferralStatus.RECORDED, NOW,
                new ReferralIntakeView.Citizen("999990019", "J. Jansen", null, null, null),
                new ReferralIntakeView.ContactPerson("A. Jansen", "partner", "0612345678"), consent,
                "a welfare coach for loneliness", null, "ROUTINE", null, addressee, null, null);
    }
}
