package nl.bronsein.localnetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chaos suite's citizens, generated: each with a BSN that passes the eleven test, a name, a contact person and a
 * problem text of its own. Every personal field carries a marker word that occurs nowhere else, so the privacy scan
 * can look for all of them at once in megabytes of logs and records.
 */
final class ChaosCitizens {

    static final String NAME_MARKER = "Testburger";
    static final String CONTACT_MARKER = "Mantelzorgtest";
    static final String PROBLEM_MARKER = "Klachtbeschrijving";
    static final String STREET = "Chaoslaan";
    static final String POSTAL_CODE = "9999 ZZ";
    static final String CITY = "Storingsdorp";
    static final String BIRTH_DATE = "1933-07-14";
    static final String PHONE = "038-9999999";

    /** Every way a citizen's personal data could show up in text, as one pattern; BSNs are checked by value. */
    static final Pattern MARKERS = Pattern.compile(String.join("|", NAME_MARKER, CONTACT_MARKER, PROBLEM_MARKER, STREET,
            POSTAL_CODE, "9999ZZ", CITY, BIRTH_DATE, "14-07-1933", PHONE, "0389999999"));

    record Citizen(int number, String bsn, String name, String contactPerson, String problem) {
    }

    private ChaosCitizens() {
    }

    static List<Citizen> generate(int count) {
        List<Citizen> citizens = new ArrayList<>(count);
        int candidate = 10_000_000;
        while (citizens.size() < count) {
            candidate++;
            String bsn = withCheckDigit(candidate);
            if (bsn != null) {
                int n = citizens.size() + 1;
                citizens.add(new Citizen(n, bsn, "Anna " + NAME_MARKER + "-" + n, CONTACT_MARKER + " " + n,
                        PROBLEM_MARKER + " " + n + ": kan niet meer zelfstandig boodschappen doen"));
            }
        }
        return citizens;
    }

    /** A contact person's name for a round of changes; a marker word again. */
    static String contactPerson(String referral, int round) {
        return CONTACT_MARKER + " " + referral.substring(0, 8) + " ronde " + round;
    }

    /** The eight leading digits plus the ninth that makes the eleven test hold, or null if no digit does. */
    private static String withCheckDigit(int leading) {
        String digits = String.format("%08d", leading);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (digits.charAt(i) - '0');
        }
        int check = sum % 11;
        return check == 10 ? null : digits + check;
    }
}
