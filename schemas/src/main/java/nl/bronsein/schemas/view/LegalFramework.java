package nl.bronsein.schemas.view;

/**
 * The law a referral is made under, which decides who pays, who may refer and what follows: the Wmo 2015 (support for
 * adults, through the municipality) or the Jeugdwet (youth care, to which a GP's referral gives direct access). One
 * vocabulary for the GP's registration and every view; constants are only appended.
 */
public enum LegalFramework {
    WMO,
    JEUGDWET
}
