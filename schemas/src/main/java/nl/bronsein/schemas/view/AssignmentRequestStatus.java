package nl.bronsein.schemas.view;

/**
 * Where a provider's request for an assignment (verzoek om toewijzing, cf. iJw 315) stands: requested, then granted
 * (the municipality assigned its case to the requesting provider, cf. iJw 301) or refused (it decided otherwise), or
 * withdrawn by the provider before an answer (the care is not needed after all). A
 * constant is added only at the end; a reader on an older release reads a status it does not know as {@code null}.
 */
public enum AssignmentRequestStatus {
    REQUESTED,
    GRANTED,
    REFUSED,
    WITHDRAWN
}
