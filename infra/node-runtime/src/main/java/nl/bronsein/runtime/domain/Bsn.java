package nl.bronsein.runtime.domain;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import nl.bronsein.runtime.api.NodeApi;

/**
 * Burgerservicenummer: nine digits passing the elfproef (the eleven test). One check for every place a node takes a BSN
 * (a referral, an involvement, a search of the processing log), so that no door accepts a BSN another refuses.
 */
@NodeApi
@Documented
@Constraint(validatedBy = Bsn.Elfproef.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface Bsn {

    String message() default "must be 9 digits passing the elfproef";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by 11; all zeros is not a BSN. */
    class Elfproef implements ConstraintValidator<Bsn, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || passes(value);
        }

        public static boolean passes(String value) {
            if (value == null || !value.matches("\\d{9}") || value.equals("000000000")) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (value.charAt(i) - '0') * (9 - i);
            }
            sum -= value.charAt(8) - '0';
            return sum % 11 == 0;
        }
    }
}
