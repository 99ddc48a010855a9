package nl.bronsein.gp.consent;

/** How the citizen gave consent: on a signed form (with a document reference) or orally (noted by the practice). */
public enum ConsentForm {
    SIGNED,
    ORAL
}
