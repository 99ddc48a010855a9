package nl.bronsein.municipality.intake;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.view.ReferralIntakeView;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class PulledReferralRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public PulledReferralRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Keeps the newest version pulled; an older one arriving late does not replace it. */
    public void save(PulledReferral pulled) {
        Optional<Integer> held = jdbc.sql("select version from pulled_referral where referral_owner = :owner and referral_id = :id")
                .param("owner", pulled.owner()).param("id", pulled.referralId()).query(Integer.class).optional();
        String sql = held.isEmpty()
                ? """
                  insert into pulled_referral (referral_owner, referral_id, version, purpose, pulled_at, consent_purposes,
                      consent_status, content)
                  values (:owner, :id, :version, :purpose, :pulledAt, :consentPurposes, :consentStatus, :content)"""
                : """
                  update pulled_referral set version = :version, purpose = :purpose, pulled_at = :pulledAt,
                      consent_purposes = :consentPurposes, consent_status = :consentStatus, content = :content
                  where referral_owner = :owner and referral_id = :id and version <= :version""";
        ReferralIntakeView.Consent consent = pulled.content().consent();
        jdbc.sql(sql)
                .param("owner", pulled.owner()).param("id", pulled.referralId()).param("version", pulled.version())
                .param("purpose", pulled.purpose()).param("pulledAt", Timestamp.from(pulled.pulledAt()))
                .param("consentPurposes", consent == null ? "" : String.join(",", consent.purposes()))
                .param("consentStatus", consent == null ? "UNKNOWN" : consent.status())
                .param("content", json.writeValueAsString(pulled.content()))
                .update();
    }

    public Optional<PulledReferral> find(String owner, String referralId) {
        return jdbc.sql("select * from pulled_referral where referral_owner = :owner and referral_id = :id")
                .param("owner", owner).param("id", referralId)
                .query((rs, n) -> new PulledReferral(rs.getString("referral_owner"), rs.getString("referral_id"),
                        rs.getInt("version"), rs.getString("purpose"), rs.getTimestamp("pulled_at").toInstant(),
                        json.readValue(rs.getString("content"), ReferralIntakeView.class)))
                .optional();
    }
}
