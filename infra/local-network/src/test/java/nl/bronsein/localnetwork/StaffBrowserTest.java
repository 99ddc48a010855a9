package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser tests' accessibility check can fail: a page without a title, language, image text or label is four
 * serious violations to it, and a page with them is none. Without this, a check that never ran would pass every page.
 */
class StaffBrowserTest {

    @TempDir
    Path dir;

    @Test
    void axeFindsWhatIsMissingAndPassesWhatIsThere() {
        try (StaffBrowser browser = new StaffBrowser("check", dir, 1280, 800)) {
            browser.open("data:text/html,<html><body><img src='x.png'><input type='text'></body></html>");
            assertThat(browser.check("without")).hasSize(4).anyMatch(line -> line.contains("image-alt"))
                    .anyMatch(line -> line.contains("label")).anyMatch(line -> line.contains("html-has-lang"))
                    .anyMatch(line -> line.contains("document-title"));
            browser.open("data:text/html,<html lang='nl'><head><title>Start</title></head><body><main><h1>Hallo</h1>"
                    + "<label for='a'>Naam</label><input id='a' type='text'><img src='x.png' alt='logo'></main></body></html>");
            assertThat(browser.check("with")).isEmpty();
        }
        assertThat(dir.resolve("check-without.png")).isRegularFile();
    }
}
