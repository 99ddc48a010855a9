package nl.bronsein.runtime.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.schemas.view.ServiceKind;

/** This node's own catalogue services ({@code catalogue_service}); all of them are owned by {@code owner}. */
class CatalogueRepository {

    private final JdbcClient jdbc;
    private final String owner;

    CatalogueRepository(JdbcClient jdbc, String owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    void insert(CatalogueService service, Instant at) {
        jdbc.sql("""
                        insert into catalogue_service (id, version, name, kind, description, providers, waiting_weeks,
                            effective_from, effective_until, created_at, updated_at)
                        values (:id, :version, :name, :kind, :description, :providers, :waitingWeeks,
                            :effectiveFrom, :effectiveUntil, :at, :at)""")
                .params(params(service, at)).update();
    }

    /** Optimistic: lands only on the version that was read, so two concurrent changes cannot both succeed. */
    boolean update(CatalogueService service, int expectedVersion, Instant at) {
        return jdbc.sql("""
                        update catalogue_service set version = :version, name = :name, kind = :kind,
                            description = :description, providers = :providers, waiting_weeks = :waitingWeeks,
                            effective_from = :effectiveFrom, effective_until = :effectiveUntil, updated_at = :at
                        where id = :id and version = :expected""")
                .params(params(service, at)).param("expected", expectedVersion).update() == 1;
    }

    Optional<CatalogueService> find(UUID id) {
        return jdbc.sql("select * from catalogue_service where id = :id").param("id", id).query(this::map).optional();
    }

    /** Oldest first. */
    List<CatalogueService> findAll() {
        return jdbc.sql("select * from catalogue_service order by created_at, id").query(this::map).list();
    }

    private static Map<String, Object> params(CatalogueService s, Instant at) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", s.id());
        params.put("version", s.version());
        params.put("name", s.name());
        params.put("kind", s.kind().name());
        params.put("description", s.description());
        params.put("providers", String.join(",", s.providers()));
        params.put("waitingWeeks", s.waitingWeeks());
        params.put("effectiveFrom", s.effectiveFrom());
        params.put("effectiveUntil", s.effectiveUntil());
        params.put("at", Timestamp.from(at));
        return params;
    }

    private CatalogueService map(ResultSet rs, int row) throws SQLException {
        String providers = rs.getString("providers");
        return new CatalogueService(rs.getObject("id", UUID.class), rs.getInt("version"), owner, rs.getString("name"),
                ServiceKind.valueOf(rs.getString("kind")), rs.getString("description"),
                providers.isEmpty() ? List.of() : Arrays.asList(providers.split(",")),
                rs.getObject("waiting_weeks", Integer.class), rs.getObject("effective_from", LocalDate.class),
                rs.getObject("effective_until", LocalDate.class));
    }
}
