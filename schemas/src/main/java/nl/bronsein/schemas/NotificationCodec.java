package nl.bronsein.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes and decodes notification bodies with Avro's single-object encoding: marker, the writer schema's 64-bit
 * fingerprint, then the binary body. There is no schema registry in this network; instead every released version of
 * every body schema ships in this module ({@code released/*.avsc}) and is kept in a {@link SchemaStore}, so a body
 * written by a participant on an older release still decodes into today's classes.
 */
public final class NotificationCodec {

    /**
     * Every released schema version ({@code released/<Name>-<n>.avsc}), oldest first. When a schema changes, copy the
     * new .avsc to {@code released/<Name>-<n+1>.avsc} and add it here; {@code SchemaEvolutionTest} fails until you do,
     * and checks it against every earlier release. See {@link SchemaReleases} and the module's README.
     */
    static final List<String> RELEASED_SCHEMAS = List.of("ObjectChanged-1.avsc");

    private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;

    private final SchemaStore.Cache store = new SchemaStore.Cache();
    private final Map<String, BinaryMessageDecoder<? extends SpecificRecord>> decodersByFullName = new HashMap<>();
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encodersByType = new HashMap<>();

    public NotificationCodec() {
        this(List.of());
    }

    /** @param additionalWriterSchemas writer schemas known out of band (tests, or a schema shipped after this release) */
    public NotificationCodec(Collection<Schema> additionalWriterSchemas) {
        trustCatalogueClasses();
        releasedSchemas().forEach(store::addSchema);
        additionalWriterSchemas.forEach(store::addSchema);
        for (SharedObjectType type : SharedObjectType.values()) {
            Schema current = SpecificData.get().getSchema(type.bodyType());
            store.addSchema(current);
            SpecificData model = SpecificData.getForClass(type.bodyType());
            decodersByFullName.put(current.getFullName(), new BinaryMessageDecoder<>(model, current, store));
            encodersByType.put(type.bodyType(), new BinaryMessageEncoder<>(model, current));
        }
    }

    public byte[] encode(SpecificRecord body) {
        BinaryMessageEncoder<SpecificRecord> encoder = encodersByType.get(body.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException("not a notification body of the catalogue: " + body.getClass().getName());
        }
        try {
            ByteBuffer buffer = encoder.encode(body);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a body whatever its type, choosing the reader class from the writer schema's name. */
    public SpecificRecord decode(byte[] data) {
        Schema writer = writerSchemaOf(data);
        BinaryMessageDecoder<? extends SpecificRecord> decoder = decodersByFullName.get(writer.getFullName());
        if (decoder == null) {
            throw new UndecodableNotificationException("body schema " + writer.getFullName() + " is not in the catalogue");
        }
        try {
            return decoder.decode(data);
        } catch (MissingSchemaException | BadHeaderException e) {
            throw new UndecodableNotificationException(e.getMessage(), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableNotificationException("body does not match its writer schema " + writer.getFullName(), e);
        }
    }

    public <T extends SpecificRecord> T decode(byte[] data, Class<T> expected) {
        SpecificRecord body = decode(data);
        if (!expected.isInstance(body)) {
            throw new UndecodableNotificationException(
                    "expected a " + expected.getSimpleName() + " body, got " + body.getClass().getSimpleName());
        }
        return expected.cast(body);
    }

    /** The writer schema named by a body's fingerprint, or an exception saying why the body is unreadable. */
    public Schema writerSchemaOf(byte[] data) {
        if (data == null || data.length < HEADER_LENGTH || !Arrays.equals(Arrays.copyOf(data, 2), MAGIC)) {
            throw new UndecodableNotificationException("body is not Avro single-object encoded");
        }
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = store.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new UndecodableNotificationException("unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        return writer;
    }

    /**
     * Avro refuses to instantiate classes it was not told to trust, and keeps that list JVM-wide. Our generated body
     * classes are added to whatever the application already trusts, once; nothing else is widened.
     */
    private static void trustCatalogueClasses() {
        synchronized (ClassSecurityValidator.class) {
            ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
            List<Class<?>> ours = new java.util.ArrayList<>();
            for (SharedObjectType type : SharedObjectType.values()) {
                collectNamedClasses(SpecificData.get().getSchema(type.bodyType()), ours);
            }
            if (ours.stream().allMatch(current::isTrusted)) {
                return;
            }
            ClassSecurityValidator.Builder builder = ClassSecurityValidator.builder();
            ours.forEach(builder::add);
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, builder.build()));
        }
    }

    private static void collectNamedClasses(Schema schema, List<Class<?>> into) {
        switch (schema.getType()) {
            case RECORD, ENUM -> {
                Class<?> type = classNamed(schema.getFullName());
                if (into.contains(type)) {
                    return;
                }
                into.add(type);
                if (schema.getType() == Schema.Type.RECORD) {
                    schema.getFields().forEach(field -> collectNamedClasses(field.schema(), into));
                }
            }
            case ARRAY -> collectNamedClasses(schema.getElementType(), into);
            case UNION -> schema.getTypes().forEach(branch -> collectNamedClasses(branch, into));
            default -> {
            }
        }
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name, false, NotificationCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("generated class missing for schema " + name, e);
        }
    }

    /** The 64-bit CRC fingerprint Avro writes into the single-object header. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Every released version of every body schema, parsed with the shared types each one references. */
    public static List<Schema> releasedSchemas() {
        return SchemaReleases.all().stream().map(SchemaReleases.Release::schema).toList();
    }
}
