package nl.bronsein.staffclient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The municipality's involvements ({@code /api/v1/involvements}, docs/api/municipality-staff.json): the wijkteam tells
 * the citizen's GP practice, with the citizen's consent, that it is involved.
 */
@HttpExchange("/api/v1/involvements")
public interface InvolvementsApi {

    @PostExchange
    Involvement start(@RequestBody Form form);

    @GetExchange
    List<Involvement> list();

    @GetExchange("/{id}")
    Involvement get(@PathVariable String id);

    /** The same form without consent. */
    @PutExchange("/{id}")
    Involvement correct(@PathVariable String id, @RequestBody Form form);

    @PostExchange("/{id}/end")
    Involvement end(@PathVariable String id);

    @PostExchange("/{id}/consent/withdraw")
    Involvement withdrawConsent(@PathVariable String id);

    /** What a wijkteam member records; {@code until} may be null, {@code consent} is only sent when starting. */
    record Form(Citizen citizen, LocalDate since, LocalDate until, String contactPointId, String gpPractice,
                Consent consent) {
    }

    record Citizen(String bsn, String name, LocalDate birthDate) {
    }

    /** {@code form} SIGNED or ORAL; {@code purposes} must include care-coordination. */
    record Consent(Instant givenAt, String form, List<String> purposes) {
    }

    /** The consent as recorded: {@code status} GIVEN or WITHDRAWN. */
    record RecordedConsent(Instant givenAt, String form, List<String> purposes, String status, Instant withdrawnAt) {
    }

    /** An involvement as the municipality's node shows it: {@code status} ACTIVE or ENDED. */
    record Involvement(String id, int version, String status, Citizen citizen, LocalDate since, LocalDate until,
                       String contactPointId, String gpPractice, RecordedConsent consent, Instant startedAt,
                       Instant endedAt) {
    }
}
