package nl.bronsein.schemas.view;

public enum ConsentStatus {
    GIVEN,
    WITHDRAWN
}
