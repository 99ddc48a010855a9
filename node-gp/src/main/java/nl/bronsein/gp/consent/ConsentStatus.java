package nl.bronsein.gp.consent;

public enum ConsentStatus {
    GIVEN,
    WITHDRAWN
}
