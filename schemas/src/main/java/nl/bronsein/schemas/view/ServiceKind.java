package nl.bronsein.schemas.view;

/**
 * What kind of service a municipality's catalogue offers: the one vocabulary for the catalogue, for the publishing
 * municipality and every node that keeps its directory. A constant is added only at the end; a reader on an older
 * release reads a kind it does not know as {@code null} (the views say so per field), never as another kind.
 */
public enum ServiceKind {
    /** A Wmo product (maatwerkvoorziening), granted by a decision. */
    WMO_PRODUCT,
    /** A youth-care product (Jeugdwet), granted by a decision. */
    YOUTH_PRODUCT,
    /** A general provision (algemene voorziening), open without a decision. */
    GENERAL_PROVISION
}
