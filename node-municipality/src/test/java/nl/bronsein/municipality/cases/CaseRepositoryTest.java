package nl.bronsein.municipality.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.bronsein.runtime.RuntimeSchemaMigration;
import nl.bronsein.schemas.view.CaseStatus;

/**
 * A case in every state is stored in the columns it always was and read back as it was written: the parts map to
 * their columns and back, on the municipality's own tables (H2, migrated as the node migrates them).
 */
class CaseRepositoryTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private JdbcClient jdbc;
    private CaseRepository cases;

    @BeforeEach
    void municipalityTables() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:cases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new RuntimeSchemaMigration().migrate(Flyway.configure().dataSource(database)
                .locations("classpath:db/municipality").load());
        jdbc = JdbcClient.create(database);
        cases = new CaseRepository(jdbc);
    }

    @ParameterizedTest
    @EnumSource(CaseTransitionsTest.State.class)
    void aCaseInEveryStateReadsBackAsWritten(CaseTransitionsTest.State state) {
        store(state.c);

        assertThat(cases.find(state.c.id())).contains(state.c);
    }

    @ParameterizedTest
    @EnumSource(CaseTransitionsTest.State.class)
    void thePartsAreInTheirColumns(CaseTransitionsTest.State state) {
        Case c = state.c;
        store(c);

        Map<String, Object> row = jdbc.sql("select * from intake_case where id = :id").param("id", c.id()).query()
                .singleRow();
        assertThat(row.get("STATUS")).isEqualTo(c.status().name());
        assertThat(row.get("CONTACT_POINT_ID")).isEqualTo(c.contactPointId());
        assertThat(row.get("DECISION_OUTCOME")).isEqualTo(c.decision() == null ? null : c.decision().outcome().name());
        assertThat(row.get("ASSIGNED_PROVIDER")).isEqualTo(c.assignedProvider());
        assertThat(row.get("CONCLUSION")).isEqualTo(c.conclusion());
        assertThat(row.get("RETURNED_TO")).isEqualTo(c.returnedTo());
        assertThat(row.get("RETURN_REASON")).isEqualTo(c.returnReason());
        assertThat(row.get("CLOSE_REASON")).isEqualTo(c.closeReason());
    }

    /** As the service stores a case: inserted when received, updated at each step after. */
    private void store(Case c) {
        cases.insert(new Case(c.id(), 1, CaseStatus.RECEIVED, c.referralOwner(), c.referralId(), c.receivedAt(), null,
                null, null, null, null, null), AT);
        if (c.version() > 1) {
            assertThat(cases.update(c, 1, AT)).isTrue();
        }
    }
}
