package nl.bronsein.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.avro.Schema;

/**
 * The released versions of the body schemas: the files {@code released/<Name>-<n>.avsc} listed in
 * {@link NotificationCodec#RELEASED_SCHEMAS}, each parsed together with the shared types it references. Grouped by
 * record, oldest first, they are the compatibility line every change to a schema is checked against
 * ({@code SchemaEvolutionTest}).
 */
public final class SchemaReleases {

    static final String RELEASED = "/nl/bronsein/schemas/released/";
    /** Named types the body schemas reference, parsed before each body schema. */
    static final List<String> SHARED_TYPES = List.of();

    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)-([1-9][0-9]*)\\.avsc");

    /**
     * One released version of a body schema.
     *
     * @param file    the file under {@code released/}, e.g. {@code CaseChanged-2.avsc}
     * @param name    the record's simple name taken from the file name, e.g. {@code CaseChanged}
     * @param version the version taken from the file name, counting from 1
     * @param schema  the parsed schema
     */
    public record Release(String file, String name, int version, Schema schema) {

        /** The record's full name, the key the releases are grouped by. */
        public String fullName() {
            return schema.getFullName();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private SchemaReleases() {
    }

    /** Every released version of every body schema, in the order of {@link NotificationCodec#RELEASED_SCHEMAS}. */
    public static List<Release> all() {
        return NotificationCodec.RELEASED_SCHEMAS.stream().map(SchemaReleases::parse).toList();
    }

    /** The released versions grouped by the record's full name, each group ordered by version, oldest first. */
    public static Map<String, List<Release>> byRecord() {
        return all().stream().collect(Collectors.groupingBy(Release::fullName, LinkedHashMap::new,
                Collectors.collectingAndThen(Collectors.toList(), releases -> releases.stream()
                        .sorted(java.util.Comparator.comparingInt(Release::version)).toList())));
    }

    /** The released versions of one record, oldest first; empty if it was never released. */
    public static List<Release> of(String fullName) {
        return byRecord().getOrDefault(fullName, List.of());
    }

    /** The newest released version of one record. */
    public static Optional<Release> newest(String fullName) {
        List<Release> releases = of(fullName);
        return releases.isEmpty() ? Optional.empty() : Optional.of(releases.get(releases.size() - 1));
    }

    private static Release parse(String file) {
        Matcher name = FILE_NAME.matcher(file);
        if (!name.matches()) {
            throw new IllegalStateException("released schema file " + file + " is not named <Name>-<version>.avsc");
        }
        Schema.Parser parser = new Schema.Parser();
        SHARED_TYPES.forEach(shared -> parser.parse(resource(RELEASED + shared)));
        Schema schema = parser.parse(resource(RELEASED + file));
        return new Release(file, name.group(1), Integer.parseInt(name.group(2)), schema);
    }

    private static String resource(String path) {
        try (InputStream in = SchemaReleases.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
