package nl.bronsein.gp.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.runtime.RuntimeSchemaMigration;

/**
 * Reading a referral outside a transaction needs one connection at a time: with a pool of one, a read that took a
 * second connection for the consent while the referral's rows were still open waits for itself until the pool times
 * out — as ten concurrent reads did with the node's pool of ten under the benchmark's sixteen staff clients.
 */
class ReferralRepositoryTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    private HikariDataSource pool;
    private ReferralRepository referrals;
    private final UUID referralId = UUID.randomUUID();

    @BeforeEach
    void oneConnection() {
        String url = "jdbc:h2:mem:referrals-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        // migrated as the node migrates it (Flyway takes connections of its own), then read through a pool of one
        new RuntimeSchemaMigration().migrate(Flyway.configure()
                .dataSource(new DriverManagerDataSource(url, "sa", "")).locations("classpath:db/gp").load());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1_000);
        pool = new HikariDataSource(config);
        JdbcClient jdbc = JdbcClient.create(pool);
        UUID consent = UUID.randomUUID();
        jdbc.sql("""
                insert into consent_record (id, given_at, form, purposes, status, recorded_at)
                values (:id, :at, 'ORAL', 'intake,care-delivery', 'GIVEN', :at)""")
                .param("id", consent).param("at", Timestamp.from(T)).update();
        jdbc.sql("""
                insert into referral (id, version, status, addressee, recorded_at, updated_at, citizen_bsn, citizen_name,
                    citizen_birth_date, address_street, address_house_number, address_postal_code, address_city,
                    requested_support, problem_analysis, urgency, contact_point_name, consent_id)
                values (:id, 1, 'RECORDED', 'urn:nld:oin:00000001001234567000', :at, :at, '000000000', 'test',
                    date '1944-01-01', 'test', '1', '0000 AA', 'test', 'test', 'test', 'REGULAR', 'test', :consent)""")
                .param("id", referralId).param("at", Timestamp.from(T)).param("consent", consent).update();
        referrals = new ReferralRepository(jdbc, new ConsentRepository(jdbc));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aReferralIsReadWithItsConsentOnOneConnection() {
        Referral referral = referrals.find(referralId).orElseThrow();

        assertThat(referral.consent().status()).isEqualTo(ConsentStatus.GIVEN);
        assertThat(referral.consent().purposes()).containsExactly("intake", "care-delivery");
        assertThat(referral.content().consent().purposes()).containsExactly("intake", "care-delivery");
        assertThat(referrals.findAll()).extracting(Referral::id).containsExactly(referralId);
    }
}
