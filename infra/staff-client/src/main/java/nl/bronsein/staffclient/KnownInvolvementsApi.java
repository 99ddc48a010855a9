package nl.bronsein.staffclient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The GP practice's list of wijkteams' involvements with its patients ({@code /api/v1/involvements},
 * docs/api/gp-staff.json), as the municipalities last answered.
 */
@HttpExchange("/api/v1/involvements")
public interface KnownInvolvementsApi {

    @GetExchange
    List<KnownInvolvement> list();

    record Citizen(String bsn, String name, LocalDate birthDate) {
    }

    record ContactPoint(String name, String phone, String email) {
    }

    /**
     * One involvement: {@code status} ACTIVE or ENDED as last served; once {@code consentWithdrawn}, only that and
     * when are shown, the patient's data left out.
     */
    record KnownInvolvement(String municipality, String municipalityName, String involvementId, int version,
                            String status, boolean ended, Citizen citizen, LocalDate since, LocalDate until,
                            Instant endedAt, ContactPoint contactPoint, Instant pulledAt, boolean consentWithdrawn,
                            Instant withdrawnAt) {
    }
}
