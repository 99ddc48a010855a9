package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy scan finds what was planted, in every form and kind of file the suite leaves, and only that. */
class PersonalDataScanTest {

    private static final String ACCESS_LINE = "127.0.0.1 39095 [23/Nov/2026:20:48:40 +0000] \"GET %s HTTP/1.1\" 200 812 5";

    private final PersonalDataScan scan = new PersonalDataScan(TestCitizens.personalValues());

    @Test
    void cleanOutputHasNoFindingAndIsCounted(@TempDir Path root) throws IOException {
        Path network = Files.createDirectories(root.resolve("SomeTest/h2-1"));
        Path log = write(network.resolve(SuiteLogs.NODE_LOG), "DEBUG Received event 4f1c on bronsein.referral.v1", "INFO Started");
        Path access = write(network.resolve("gp" + SuiteLogs.ACCESS_LOG),
                ACCESS_LINE.formatted("/network/v1/objects/referral/4f1c?purpose=intake"));
        Path topics = write(network.resolve(SuiteLogs.TOPIC_DUMP), "{\"topic\":\"bronsein.referral.v1\",\"key\":\"4f1c\"}",
                "{\"topic\":\"bronsein.case.v1\",\"key\":\"77aa\"}");

        PersonalDataScan.Report report = scan.scan(root);

        assertThat(report.findings()).isEmpty();
        assertThat(report.files()).hasSize(3);
        assertThat(report.lines()).isEqualTo(5);
        assertThat(report.lines(SuiteLogs.TOPIC_DUMP)).isEqualTo(2);
        assertThat(report.lines(SuiteLogs.ACCESS_LOG)).isEqualTo(1);
        assertThat(report.bytes()).isEqualTo(Files.size(log) + Files.size(access) + Files.size(topics));
        assertThat(report.summary()).contains("3 files", "nothing found");
    }

    @Test
    void aPlantedValueIsFoundWhereverAndHoweverItStands(@TempDir Path root) throws IOException {
        Path network = Files.createDirectories(root.resolve("SomeTest/postgresql-2"));
        write(network.resolve(SuiteLogs.NODE_LOG), "INFO Started", "DEBUG handling referral for bsn=" + Referrals.BSN);
        write(network.resolve("municipality" + SuiteLogs.ACCESS_LOG),
                ACCESS_LINE.formatted("/api/v1/cases?name=Geertruida+de+Vries-Bakker"));
        write(network.resolve(SuiteLogs.TOPIC_DUMP),
                "{\"topic\":\"bronsein.case.v1\",\"value\":\"\\u0002" + TestCitizens.CORRECTED_STREET.toUpperCase() + "\"}");
        try (OutputStream rolled = new GZIPOutputStream(Files.newOutputStream(network.resolve(SuiteLogs.NODE_LOG + ".1.gz")))) {
            rolled.write(("WARN contact person " + TestCitizens.SON_PHONE + "\n").getBytes(StandardCharsets.UTF_8));
        }

        PersonalDataScan.Report report = scan.scan(root);

        assertThat(report.findings()).extracting(f -> f.file().getFileName().toString(), PersonalDataScan.Finding::line)
                .contains(tuple(SuiteLogs.NODE_LOG, 2L), tuple("municipality" + SuiteLogs.ACCESS_LOG, 1L),
                        tuple(SuiteLogs.TOPIC_DUMP, 1L), tuple(SuiteLogs.NODE_LOG + ".1.gz", 1L));
        assertThat(report.summary()).doesNotContain("nothing found");
    }

    @Test
    void aValuePartlyMadeOfARandomIdentifierIsNotAFindingButOneBesideItIs(@TempDir Path root) throws IOException {
        // the line the suite once wrote: an event id ending in 8011, then " about", read as the postcode "8011 AB"
        String digits = Referrals.POSTAL_CODE.substring(0, 4);
        write(root.resolve(SuiteLogs.NODE_LOG),
                "DEBUG Handled event 9ec1d9c9-7597-4e11-beea-daba80bc" + digits + " about case 9d9b1050-71a8-460a-935e-d5a2a69ee8a9",
                "DEBUG Handled event 9ec1d9c9-7597-4e11-beea-daba80bc" + digits + " for " + Referrals.POSTAL_CODE,
                // and a W3C trace id holding it, as CI once wrote one: "...f8ddf8011ab299f0e9" read as "8011ab"
                "WARN [bronsein-gp] [9ebf0a39ebfcf1f8ddf" + digits + "ab299f0e9-d87e709a7710210b] a message",
                "WARN [bronsein-gp] [9ebf0a39ebfcf1f8ddf" + digits + "ab299f0e9-d87e709a7710210b] " + digits + "ab");

        PersonalDataScan.Report report = scan.scan(root);

        assertThat(report.findings()).extracting(PersonalDataScan.Finding::line).containsExactly(2L, 4L);
    }

    @Test
    void everyValueTheSuiteSendsIsOneTheScanFinds(@TempDir Path root) throws IOException {
        List<String> values = TestCitizens.personalValues();
        write(root.resolve(SuiteLogs.NODE_LOG), values.stream().map(v -> "DEBUG something about " + v).toArray(String[]::new));

        PersonalDataScan.Report report = scan.scan(root);

        // a finding on every line: no value is one the scan cannot see
        assertThat(report.findings().stream().map(PersonalDataScan.Finding::line).distinct()).hasSize(values.size());
    }

    private static Path write(Path file, String... lines) throws IOException {
        return Files.write(file, List.of(lines));
    }
}
