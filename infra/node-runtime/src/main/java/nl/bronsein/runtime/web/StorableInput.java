package nl.bronsein.runtime.web;

import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Input the node can store as it came, checked where JSON is read, so that every body of every endpoint is covered and
 * a refusal names the field ({@code wrong type or format}, 400) instead of the database failing afterwards (500):
 * <ul>
 * <li>text without control characters other than tab and line breaks, and without unpaired surrogates — PostgreSQL
 *     refuses NUL, and an unpaired surrogate has no UTF-8 form, so it would be stored silently altered;
 * <li>moments and dates in the years 1–9999 — both databases refuse years far outside that, which Java accepts.
 * </ul>
 */
final class StorableInput {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private StorableInput() {
    }

    public static JacksonModule module() {
        SimpleModule module = new SimpleModule("bronsein-storable-input");
        module.addDeserializer(String.class, new StorableText());
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                                                           ValueDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return type == Instant.class || type == LocalDate.class ? new InStorableYears(deserializer) : deserializer;
            }
        });
        return module;
    }

    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return false;
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class StorableText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && !storable(value)) {
                return (String) ctxt.handleWeirdStringValue(String.class, value,
                        "contains a control character or an unpaired surrogate");
            }
            return value;
        }
    }

    private static final class InStorableYears extends DelegatingDeserializer {

        InStorableYears(ValueDeserializer<?> delegatee) {
            super(delegatee);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
            return new InStorableYears(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = super.deserialize(p, ctxt);
            boolean outside = value instanceof Instant instant ? instant.isBefore(EARLIEST) || instant.isAfter(LATEST)
                    : value instanceof LocalDate date && (date.getYear() < 1 || date.getYear() > 9999);
            if (outside) {
                return ctxt.handleWeirdStringValue(value.getClass(), value.toString(), "lies outside the years 1 to 9999");
            }
            return value;
        }
    }
}
