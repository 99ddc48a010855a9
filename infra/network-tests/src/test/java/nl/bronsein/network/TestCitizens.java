package nl.bronsein.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The personal data of every citizen the suite sends to a node, in one place: the privacy scan ({@link PrivacyScanIT})
 * looks for each value in every node log, access log and topic the suite leaves behind. Mrs De Vries's referral is
 * built by {@link Referrals} from its own constants; what the tests send besides is named here. A test that sends a new
 * personal value adds it here, or the scan cannot know to look for it.
 */
final class TestCitizens {

    /** Mrs De Vries's address after the GP corrected it. */
    static final String CORRECTED_STREET = "Kerkstraat";
    static final String CORRECTED_POSTAL_CODE = "8011 CD";
    /** Her son, who takes over from her daughter as her contact person (informal carer). */
    static final String SON = "Jan de Vries";
    static final String SON_PHONE = "06-11223344";
    /** A problem analysis as a staff member writes it in a correction. */
    static final String SHORT_PROBLEM = "Kan niet meer lopen naar de winkel";
    /** Mr Jansen, whom the wijkteam helps without any referral, as the municipality holds him (issue 18). */
    static final String JANSEN_BSN = "999998882";
    static final String JANSEN = "Hendrik Jansen";
    static final String JANSEN_BIRTH_DATE = "1948-07-14";
    /** Sem, referred for youth care, and his mother, who consented with him (issue 18). */
    static final String SEM = "Sem Hendriks";
    static final String SEM_BSN = "999990032";
    static final String SEM_MOTHER = "Anouk Hendriks";
    static final String SEM_MOTHER_PHONE = "06-12345678";
    static final String SEM_STREET = "Assendorperstraat";
    /** The Sem of the youth referral test: another BSN, the same family. */
    static final String OTHER_SEM_BSN = "999990019";
    /** Mr Smit, referred directly to the provider under the Wmo. */
    static final String SMIT = "Jan Smit";
    static final String SMIT_BSN = "999990044";
    static final String SMIT_STREET = "Thorbeckegracht";
    /** A BSN that fails the elfproef: the GP refuses it, but it was sent all the same. */
    static final String INVALID_BSN = "999993654";

    private TestCitizens() {
    }

    /** Her son as her contact person, as the GP's staff API takes it. */
    static String sonAsContactPerson(String relation) {
        return TestNetwork.JSON.writeValueAsString(Map.of("name", SON, "relation", relation, "phone", SON_PHONE));
    }

    /** Every personal value the suite sends, in each form it could take in text. */
    static List<String> personalValues() {
        List<String> values = new ArrayList<>(Referrals.personalValues());
        values.addAll(List.of(CORRECTED_STREET, CORRECTED_POSTAL_CODE, CORRECTED_POSTAL_CODE.replace(" ", ""),
                SON, SON_PHONE, SON_PHONE.replace("-", ""), SHORT_PROBLEM, INVALID_BSN, JANSEN_BSN, JANSEN,
                JANSEN_BIRTH_DATE, "14-07-1948", "14071948", SEM, SEM_BSN, SEM_MOTHER, SEM_MOTHER_PHONE,
                SEM_MOTHER_PHONE.replace("-", ""), SEM_STREET, OTHER_SEM_BSN, SMIT, SMIT_BSN, SMIT_STREET));
        return values;
    }
}
