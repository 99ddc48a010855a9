package nl.bronsein.replay;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How the tool reads its option values; picocli puts the option's name before each message. */
final class ReplayConverters {

    private ReplayConverters() {
    }

    /** An ISO-8601 instant ({@code 2026-11-23T10:00:00Z}) or date-time with offset ({@code …T11:00:00+01:00}). */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String text = value.strip();
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeException again) {
                    throw new TypeConversionException("not an ISO-8601 instant such as "
                            + ReplayOptions.EXAMPLE_INSTANT + " (got '" + value + "')");
                }
            }
        }
    }

    /** A partition offset: a number, 0 or more. */
    static final class OffsetConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long offset = Long.parseLong(value.strip());
                if (offset >= 0) {
                    return offset;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException("must be an offset (a number, 0 or more), got '" + value + "'");
        }
    }

    /** Seconds to wait for Kafka or a node: 1 to 3600. */
    static final class TimeoutConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int seconds;
            try {
                seconds = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a number of seconds, got '" + value + "'");
            }
            if (seconds < 1 || seconds > 3600) {
                throw new TypeConversionException("must be between 1 and 3600 seconds, got " + seconds);
            }
            return seconds;
        }
    }

    /** {@code HOST:PORT[,HOST:PORT...]}. */
    static final class BootstrapServersConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String servers = value.strip();
            for (String server : servers.split(",", -1)) {
                int colon = server.lastIndexOf(':');
                boolean valid = colon > 0 && colon < server.length() - 1;
                if (valid) {
                    try {
                        int port = Integer.parseInt(server.substring(colon + 1));
                        valid = port >= 1 && port <= 65535;
                    } catch (NumberFormatException e) {
                        valid = false;
                    }
                }
                if (!valid) {
                    throw new TypeConversionException("must be HOST:PORT[,HOST:PORT...], e.g. 127.0.0.1:9092, got '"
                            + value + "'");
                }
            }
            return servers;
        }
    }

    /** A path that is not empty. */
    static final class PathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("not a valid path: '" + value + "'");
            }
        }
    }

    /** A value that is not blank, without the spaces around it. */
    static final class TextConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            return value.strip();
        }
    }

    /** A node's staff API: an http(s) URL with a host. */
    static final class NodeUrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI node;
            try {
                node = URI.create(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("not a URL such as http://127.0.0.1:8080");
            }
            if (!"http".equals(node.getScheme()) && !"https".equals(node.getScheme()) || node.getHost() == null) {
                throw new TypeConversionException("not a URL such as http://127.0.0.1:8080");
            }
            return node;
        }
    }
}
