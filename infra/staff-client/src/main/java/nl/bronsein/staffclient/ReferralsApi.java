package nl.bronsein.staffclient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

import tools.jackson.databind.JsonNode;

/**
 * The GP's referrals ({@code /api/v1/referrals}, docs/api/gp-staff.json). The timeline is left as JSON: its steps,
 * sources and contact point are read by the callers as the node shows them.
 */
@HttpExchange("/api/v1/referrals")
public interface ReferralsApi {

    @PostExchange
    Referral create(@RequestBody ReferralDraft draft);

    /**
     * The same create, reading only the status and the {@code Location} of the new referral: for a caller that times
     * the call (the benchmark) and must not time the reading of the answer's body.
     */
    @PostExchange
    ResponseEntity<Void> createForLocation(@RequestBody ReferralDraft draft);

    @GetExchange
    List<Referral> list();

    @GetExchange("/{id}")
    Referral get(@PathVariable String id);

    /** Correction of the referral: the whole draft again. */
    @PutExchange("/{id}")
    Referral correct(@PathVariable String id, @RequestBody ReferralDraft correction);

    @PutExchange("/{id}/contact-person")
    Referral changeContactPerson(@PathVariable String id, @RequestBody ContactPerson contactPerson);

    @PostExchange("/{id}/withdraw")
    Referral withdraw(@PathVariable String id);

    @PostExchange("/{id}/consent/withdraw")
    Referral withdrawConsent(@PathVariable String id);

    @GetExchange("/{id}/timeline")
    JsonNode timeline(@PathVariable String id);

    /**
     * Verwijzing: what the GP records and sends.
     *
     * @param legalFramework   {@code WMO} or {@code JEUGDWET}; null is a Wmo referral, as every referral before was
     * @param catalogueService the addressee's catalogue service the referral is for; null for none
     */
    record ReferralDraft(Citizen citizen, ContactPerson contactPerson, Consent consent, String requestedSupport,
                         String problemAnalysis, String urgency, ContactPoint contactPoint, String addressee,
                         String legalFramework, CatalogueServiceReference catalogueService) {

        /** A Wmo referral that names no catalogue service, as every caller from before youth care sends it. */
        public ReferralDraft(Citizen citizen, ContactPerson contactPerson, Consent consent, String requestedSupport,
                             String problemAnalysis, String urgency, ContactPoint contactPoint, String addressee) {
            this(citizen, contactPerson, consent, requestedSupport, problemAnalysis, urgency, contactPoint, addressee,
                    null, null);
        }
    }

    /** A service of the addressee's catalogue, as {@code GET /api/v1/catalogue} shows it (owner, objectId). */
    record CatalogueServiceReference(String owner, String serviceId) {
    }

    record Citizen(String bsn, String name, LocalDate birthDate, Address address, String phone) {
    }

    record Address(String street, String houseNumber, String postalCode, String city) {
    }

    /** The client's contact person, e.g. an informal carer (mantelzorger). */
    record ContactPerson(String name, String relation, String phone) {
    }

    /** Toestemming: the citizen's consent, {@code form} SIGNED or ORAL, for the named purposes. */
    /** @param givenBy who consented; null is the citizen, which for a minor the GP refuses (WGBO's age rules) */
    record Consent(Instant givenAt, String form, String documentReference, List<String> purposes,
                   List<ConsentGiver> givenBy) {

        public Consent(Instant givenAt, String form, String documentReference, List<String> purposes) {
            this(givenAt, form, documentReference, purposes, null);
        }
    }

    /** @param role {@code CITIZEN}, {@code PARENT_WITH_AUTHORITY} or {@code GUARDIAN}; a parent or guardian is named */
    record ConsentGiver(String role, String name) {
    }

    /** The GP's own function-level contact point on the referral. */
    record ContactPoint(String name, String phone, String email) {
    }

    /** A referral as the GP's node shows it; the draft as recorded in {@code referral}. */
    record Referral(String id, int version, String status, String consentStatus, Instant recordedAt,
                    ReferralDraft referral) {
    }
}
