package nl.bronsein.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Looks for personal values in what a test run left behind: every file under a directory, as UTF-8 text (gzipped files
 * unpacked), line by line, ignoring case, each value also in the forms a URL gives it ({@code +} or {@code %20} for a
 * space, percent-escapes). It knows files and values, not networks: any test module can point it at its own output.
 */
record PersonalDataScan(List<String> personalValues) {

    /** At most this many findings are kept for the report; all are counted. */
    private static final int KEPT_FINDINGS = 100;

    PersonalDataScan {
        if (personalValues.isEmpty() || personalValues.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new IllegalArgumentException("a scan needs personal values to look for, none blank");
        }
        personalValues = List.copyOf(personalValues);
    }

    /** A personal value found: where, and which. */
    record Finding(Path file, long line, String value) {

        @Override
        public String toString() {
            return file + ":" + line + " holds \"" + value + "\"";
        }
    }

    /** One file read. */
    record ScannedFile(Path file, long bytes, long lines) {
    }

    /** What was read and what was found. */
    record Report(Path root, List<ScannedFile> files, int forms, long findingCount, List<Finding> findings) {

        long bytes() {
            return files.stream().mapToLong(ScannedFile::bytes).sum();
        }

        long lines() {
            return files.stream().mapToLong(ScannedFile::lines).sum();
        }

        /** Lines of the files whose name ends so, e.g. the records of every topic dump. */
        long lines(String nameEnding) {
            return files.stream().filter(f -> f.file().getFileName().toString().endsWith(nameEnding))
                    .mapToLong(ScannedFile::lines).sum();
        }

        String summary() {
            return "privacy scan of " + root + ": " + files.size() + " files, " + bytes() + " bytes, " + lines()
                    + " lines; looked for " + forms + " forms of the test citizens' personal values: "
                    + (findingCount == 0 ? "nothing found" : findingCount + " found, e.g. " + findings);
        }
    }

    Report scan(Path root) {
        return scan(root, file -> true);
    }

    /** Scans the files under {@code root} that {@code include} accepts. */
    Report scan(Path root, java.util.function.Predicate<Path> include) {
        List<String> forms = forms();
        List<ScannedFile> scanned = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        long[] found = {0};
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(include).sorted().toList()) {
                scanned.add(scanFile(file, forms, finding -> {
                    found[0]++;
                    if (findings.size() < KEPT_FINDINGS) {
                        findings.add(finding);
                    }
                }));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Report(root, List.copyOf(scanned), forms.size(), found[0], List.copyOf(findings));
    }

    private ScannedFile scanFile(Path file, List<String> forms, Consumer<Finding> finding) throws IOException {
        long lines = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                String lower = line.toLowerCase(Locale.ROOT);
                List<int[]> uuids = null;
                for (String form : forms) {
                    for (int at = lower.indexOf(form); at >= 0; at = lower.indexOf(form, at + 1)) {
                        uuids = uuids == null ? uuidSpans(lower) : uuids;
                        if (!partlyAnIdentifier(uuids, at, at + form.length())) {
                            finding.accept(new Finding(file, lines, form));
                            break;
                        }
                    }
                }
            }
        }
        return new ScannedFile(file, Files.size(file), lines);
    }

    /**
     * A UUID is random, so one in 65,536 ends in a given four digits: an event id ending in a postcode's digits, followed
     * by " about", held "8011 ab" (found so in the suite's log). So is a W3C trace id (32 hex digits) or span id (16),
     * which every log line carries: trace id "9ebf0a39ebfcf1f8ddf8011ab299f0e9" held "8011ab" (CI, 2026-12-06). A match
     * that is partly such an identifier is not personal data; a value standing next to one, or anywhere else, still is.
     */
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            + "|(?<![0-9a-z])[0-9a-f]{16}(?:[0-9a-f]{16})?(?![0-9a-z])");

    private static List<int[]> uuidSpans(String lower) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = UUID.matcher(lower);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static boolean partlyAnIdentifier(List<int[]> uuids, int start, int end) {
        return uuids.stream().anyMatch(span -> start < span[1] && end > span[0]);
    }

    /** Each value as text holds it, and as a URL (query string or path) would carry it; lower case. */
    private List<String> forms() {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : personalValues) {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            forms.add(value);
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
        }
        return forms.stream().map(f -> f.toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
