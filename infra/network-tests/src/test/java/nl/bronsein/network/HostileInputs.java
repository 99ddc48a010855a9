package nl.bronsein.network;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile input for the nodes' doors: strings, JSON values and whole bodies that a careless or malicious
 * client could send — oversized, of the wrong type, unicode edge cases, injection strings, missing and unknown fields,
 * malformed and deeply nested JSON, bytes that are no UTF-8, wrong content types, ids that are none.
 */
final class HostileInputs {

    /** A JSON fragment written into a body as it is: it need not be valid JSON. */
    record Raw(String json) {
    }

    /** What a body mutation did, for the outcome statistics. */
    enum Kind {
        WRONG_VALUE, MISSING_FIELD, UNKNOWN_FIELD, WHOLE_BODY, NO_BODY
    }

    /** A request body: its bytes (null for none) and how it was made hostile. */
    record Body(byte[] bytes, Kind kind) {
    }

    static final List<String> INJECTIONS = List.of(
            "' OR 1=1--", "'; DROP TABLE referral; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)--", "admin'/*",
            "' UNION SELECT bsn FROM referral--", "${jndi:ldap://127.0.0.1:1/a}", "${jndi:dns://127.0.0.1/x}",
            "${env:PATH}", "#{7*7}", "{{7*7}}", "<%= 7*7 %>", "\r\nSet-Cookie: injected=1",
            "ok\n2026-01-01T00:00:00Z ERROR forged log line", "%0d%0aX-Injected: 1", "<script>alert(1)</script>",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "../../../../etc/passwd",
            "..\\..\\windows\\win.ini", "%00", "%s%s%s%n%x", "*)(uid=*))(|(uid=*", "{\"$gt\": \"\"}",
            "\",\"addressee\":\"" + Participants.OTHER_MUNICIPALITY.urn, "() { :; }; echo shellshock",
            "urn:nld:oin:00000001001234567000' OR '1'='1", "file:///etc/passwd", "javascript:alert(1)");

    static final List<String> UNICODE = List.of(
            "\u0000", "a\u0000b", "\u0001\u0002\u0007\b\u001b[31m", "\u007f", "\u0085", "\u202Eevil\u202C",
            "\u2066isolated\u2069", "\u200B\u200C\u200D", "\uFEFFbom", "\uFFFF", "\uFFFE", "e" + "\u0301".repeat(60),
            "Z\u0351\u0300\u0316\u0317\u0318\u0319\u031A", "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", "\uD835\uDD73\uD835\uDD8A", "\uFB00", "\u0130\u0131", "\u00DF",
            "\u3000", "\u65E5\u672C\u8A9E", "\u05E2\u05D1\u05E8\u05D9\u05EA", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629",
            "\uD800", "a\uDBFFb", "\uDC00", "\uDC00\uD800", "\u2028\u2029", "\uDB40\uDC01");

    /** Strings that look like identifiers, dates or codes, each wrong where the node expects one. */
    static final List<String> ALMOST_VALID = List.of(
            "", " ", "\t\n", "null", "undefined", "true", "0", "-1", "2026-02-30", "9999-99-99T99:99:99Z",
            "+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-uuid",
            "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            Participants.GP.urn, Participants.MUNICIPALITY.urn, Participants.PROVIDER.urn, Participants.OTHER_MUNICIPALITY.urn,
            "urn:nld:oin:99999999999999999999", "urn:nld:kvk:", "urn:", "GRANTED ", "granted", "DECLINED\u0000",
            "REDIRECTED,GRANTED", "SIGNED", "ORAL", "URGENT", "999993654", "12345", "8011 ab", "06-87654321",
            "not an e-mail", "a@b", "@", "intake", "INTAKE", "referral-feedback");

    /** Hex digits for escaping by hand: String.format per character made megabyte inputs the slowest part of a try. */
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HostileInputs() {
    }

    /** A string that is hostile somewhere: injection, unicode edge case, almost-valid value or oversized. */
    static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(INJECTIONS)),
                Tuple.of(3, Arbitraries.of(UNICODE)),
                Tuple.of(3, Arbitraries.of(ALMOST_VALID)),
                Tuple.of(2, oversized()),
                Tuple.of(2, Combinators.combine(Arbitraries.of(INJECTIONS), Arbitraries.of(UNICODE))
                        .as((a, b) -> a + b)),
                Tuple.of(2, Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40)));
    }

    /**
     * Exactly as long as a column of the nodes (9 to 2000 characters: a field at its bound is stored) or one character
     * longer (refused, naming the field), or longer than any field allows — escaped, up to larger than a whole staff
     * request may be (256KB). FieldBoundsTest checks each field at and past its column; here they meet every endpoint.
     */
    static Arbitrary<String> oversized() {
        return Combinators.combine(Arbitraries.of(9, 10, 11, 20, 21, 29, 30, 50, 51, 64, 65, 100, 101, 200, 201, 255, 256,
                                300, 301, 500, 501, 2_000, 2_001, 20_001, 90_000),
                        Arbitraries.of("x", "\u00e9", "\uD83D\uDE00", "' OR 1=1--", " "))
                .as(HostileInputs::ofLength);
    }

    /** {@code length} UTF-16 units of the unit repeated; a surrogate pair cut in half ends in an x instead. */
    private static String ofLength(int length, String unit) {
        String text = unit.repeat(length / unit.length() + 1).substring(0, length);
        return Character.isHighSurrogate(text.charAt(length - 1)) ? text.substring(0, length - 1) + "x" : text;
    }

    /** Any JSON value (or no valid one) to put where the node expects something else. */
    static Arbitrary<Object> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, strings().map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.of(0, -1, 1, Integer.MAX_VALUE, Long.MIN_VALUE, 0.5, -0.0)
                        .map(n -> (Object) n)),
                Tuple.of(2, Arbitraries.of("1e999999", "-1e999999", "1E-400", "123456789012345678901234567890",
                        "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "99999999999999",
                        "4.9e-324").map(n -> (Object) new Raw(n))),
                Tuple.of(2, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(1, Arbitraries.just((Object) null)),
                Tuple.of(2, Arbitraries.of("[]", "{}", "[1,2]", "{\"a\":1}", "[\"x\"]", "[null]", "{\"\":\"\"}")
                        .map(j -> (Object) new Raw(j))),
                Tuple.of(2, Arbitraries.of(10, 600, 2_000, 100_000).map(depth -> (Object) new Raw(nested(depth)))),
                Tuple.of(2, Arbitraries.of("NaN", "Infinity", "-Infinity", "01", "0x1F", "+1", ".5", "'single'",
                        "undefined", "\"unterminated", "\"\\x41\"", "\"\\u12\"", "\"a\"\"b\"", "tru", "nul", "[1,]", "{,}")
                        .map(j -> (Object) new Raw(j))));
    }

    /** {@code depth} levels of {@code [}, closed or left open. */
    static String nested(int depth) {
        return "[".repeat(depth) + (depth % 2 == 0 ? "]".repeat(depth) : "");
    }

    /** A hostile id for a path segment, already percent-encoded the way a client would send it. */
    static Arbitrary<String> pathIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, strings().map(HostileInputs::encode)),
                Tuple.of(2, uuids()),
                Tuple.of(2, Arbitraries.of("..", ".", "%2e%2e", "..%2f..%2fapi", "%2F", "%00", "%C0%AE%C0%AE",
                        "%C0%AF", "%E0%80%AF", "%ED%A0%80", "%FF", "%25", "a%20b", ";jsessionid=1", "..;", "%3B", "%5C",
                        "3f2504e0-4f89-11d3-9a0c-0305e82c3301%00", "3f2504e0-4f89-11d3-9a0c-0305e82c3301;x=1",
                        "3f2504e0-4f89-11d3-9a0c-0305e82c3301%0d%0a")),
                Tuple.of(1, Arbitraries.of(100, 2_000, 9_000).map(n -> "a".repeat(n))));
    }

    /** Well-formed ids of nothing, from the property's own random source (so a seed repeats them). */
    static Arbitrary<String> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((high, low) -> new UUID(high, low).toString());
    }

    /** Query parameters that no endpoint asked for, or wrong values for the ones it has. */
    static Arbitrary<String> query(List<String> names) {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(3, names.isEmpty() ? Arbitraries.of("page", "sort", "id") : Arbitraries.of(names)),
                Tuple.of(1, strings().map(HostileInputs::encode)));
        Arbitrary<String> parameter = Combinators.combine(name, strings().map(HostileInputs::encode))
                .as((n, v) -> n + "=" + v);
        return parameter.list().ofMinSize(1).ofMaxSize(4).map(p -> "?" + String.join("&", p));
    }

    static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(17, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("", "text/plain", "application/xml", "text/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", "application/json; charset=UTF-16",
                        "application/json; charset=nope", "application/json; charset=\"", "application/*", "*/*",
                        "application/problem+json", "application/merge-patch+json", "text/html; charset=utf-8",
                        "application/x-java-serialized-object", "application/cbor", "application/x-yaml", "application/x-jackson-smile",
                        "application/json; " + "p=v; ".repeat(300), "application/json\r\nX-Injected: 1", "\u00e9/\u00e9")));
    }

    /** A body made hostile from a valid one: a wrong value, a missing or unknown field, or no JSON object at all. */
    static Arbitrary<Body> bodies(Map<String, Object> template) {
        List<List<String>> paths = paths(template, List.of());
        Arbitrary<List<String>> path = Arbitraries.of(paths);
        Arbitrary<Body> wrongValue = Combinators.combine(path.list().ofMinSize(1).ofMaxSize(3), values().list().ofSize(3),
                        Arbitraries.of(true, false))
                .as((targets, hostile, ascii) -> {
                    Map<String, Object> body = copy(template);
                    for (int i = 0; i < targets.size(); i++) {
                        put(body, targets.get(i), hostile.get(i));
                    }
                    return body(json(body, ascii), Kind.WRONG_VALUE);
                });
        Arbitrary<Body> missingField = Combinators.combine(path, path, values())
                .as((missing, wrong, hostile) -> {
                    Map<String, Object> body = copy(template);
                    // every field of some bodies is optional: a second, wrong value keeps the body one to refuse
                    put(body, wrong, hostile);
                    remove(body, missing);
                    return body(json(body, true), Kind.MISSING_FIELD);
                });
        Arbitrary<Body> unknownField = Combinators.combine(path, strings(), values())
                .as((near, name, value) -> {
                    Map<String, Object> body = copy(template);
                    List<String> at = new ArrayList<>(near.subList(0, near.size() - 1));
                    at.add(name.isEmpty() ? "diagnosis" : name);
                    put(body, at, value);
                    return body(json(body, true), Kind.UNKNOWN_FIELD);
                });
        return Arbitraries.frequencyOf(
                Tuple.of(6, wrongValue),
                Tuple.of(2, missingField),
                Tuple.of(1, unknownField),
                Tuple.of(3, wholeBodies(json(template, true))),
                Tuple.of(1, Arbitraries.just(new Body(null, Kind.NO_BODY))));
    }

    /** Bodies that are no JSON object of the expected shape at all. */
    static Arbitrary<Body> wholeBodies(String valid) {
        byte[] validBytes = valid.getBytes(StandardCharsets.UTF_8);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", " ", "null", "[]", "\"text\"", "42", "true", "{}{}", "{\"a\":",
                        "}", "<referral/>", "bsn=999993653&name=x", valid + "}}}", valid + valid, "[" + valid + "]",
                        "\uFEFF" + valid, "/* comment */" + valid, valid.replaceFirst("\\{", "{\"citizen\":null,"),
                        nested(100_000), nested(100_001), "{\"a\":" + nested(5_000) + "}",
                        " ".repeat(300_000) + valid, "[" + "1,".repeat(100_000) + "1]").map(s -> body(s, Kind.WHOLE_BODY))),
                Tuple.of(2, Arbitraries.integers().between(0, Math.max(0, valid.length() - 1))
                        .map(cut -> body(valid.substring(0, cut), Kind.WHOLE_BODY))),
                Tuple.of(2, Arbitraries.of(
                                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                                new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                                new byte[] {(byte) 0xC3}, new byte[] {0})
                        .map(bad -> new Body(insideFirstString(validBytes, bad), Kind.WHOLE_BODY))),
                Tuple.of(1, Arbitraries.just(new Body(valid.getBytes(StandardCharsets.UTF_16), Kind.WHOLE_BODY))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200)
                        .map(bytes -> new Body(bytes, Kind.WHOLE_BODY))));
    }

    /** Raw bytes (overlong or surrogate UTF-8, bytes no UTF-8 has) inside the first string value of a body. */
    private static byte[] insideFirstString(byte[] valid, byte[] bad) {
        int quote = 0;
        int seen = 0;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] == '"' && ++seen == 3) {
                quote = i + 1;
                break;
            }
        }
        byte[] out = new byte[valid.length + bad.length];
        System.arraycopy(valid, 0, out, 0, quote);
        System.arraycopy(bad, 0, out, quote, bad.length);
        System.arraycopy(valid, quote, out, quote + bad.length, valid.length - quote);
        return out;
    }

    private static Body body(String json, Kind kind) {
        return new Body(json.getBytes(StandardCharsets.UTF_8), kind);
    }

    /** Percent-encodes every byte but the unreserved ones, as a client puts any string into a URL. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    // --- JSON written by hand, so that any fragment (also no valid JSON) can stand anywhere --------------------------

    static String json(Object value, boolean asciiOnly) {
        StringBuilder out = new StringBuilder();
        write(out, value, asciiOnly);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, boolean asciiOnly) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String s) {
            quote(out, s, asciiOnly);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                quote(out, String.valueOf(e.getKey()), asciiOnly);
                out.append(':');
                write(out, e.getValue(), asciiOnly);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i), asciiOnly);
            }
            out.append(']');
        } else {
            quote(out, value.toString(), asciiOnly);
        }
    }

    /** Escapes what JSON requires; with {@code asciiOnly} every other char too, so lone surrogates survive as escapes. */
    private static void quote(StringBuilder out, String s, boolean asciiOnly) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (asciiOnly && c > 0x7E) || Character.isSurrogate(c)) {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    // --- paths into a body template --------------------------------------------------------------------------------

    /** Every field of a template, nested ones as their key path; a list counts as one field. */
    private static List<List<String>> paths(Map<String, Object> template, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        // in key order: Map.of iterates differently in every JVM, and a seed must repeat the same requests
        new TreeMap<>(template).forEach((key, value) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(key);
            paths.add(path);
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) nested;
                paths.addAll(paths(inner, path));
            }
        });
        return paths;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> template) {
        Map<String, Object> copy = new TreeMap<>();
        template.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> nested ? copy((Map<String, Object>) nested) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, List<String> path, Object value) {
        Map<String, Object> at = body;
        for (String key : path.subList(0, path.size() - 1)) {
            if (!(at.get(key) instanceof Map<?, ?>)) {
                return; // an earlier mutation replaced the object this path went through
            }
            at = (Map<String, Object>) at.get(key);
        }
        at.put(path.get(path.size() - 1), value);
    }

    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> body, List<String> path) {
        Map<String, Object> at = body;
        for (String key : path.subList(0, path.size() - 1)) {
            if (!(at.get(key) instanceof Map<?, ?>)) {
                return;
            }
            at = (Map<String, Object>) at.get(key);
        }
        at.remove(path.get(path.size() - 1));
    }
}
