package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTheFullRunOnBothDatabases() throws Exception {
        Options options = Options.parse();
        assertThat(options.databases()).containsExactly(DatabaseKind.H2, DatabaseKind.POSTGRES);
        assertThat(options.million()).isEqualTo(1_000_000);
        assertThat(options.clients()).isZero();
        assertThat(options.participants()).isEqualTo(1_500);
    }

    @Test
    void quickShrinksTheCountsButExplicitOptionsWin() throws Exception {
        Options options = Options.parse("--quick", "--changes=800", "--databases", "postgres");
        assertThat(options.changes()).isEqualTo(800);
        assertThat(options.million()).isEqualTo(5_000);
        assertThat(options.databases()).isEqualTo(List.of(DatabaseKind.POSTGRES));
        assertThat(options.participants()).isEqualTo(150);
        assertThat(Options.parse("--participants", "0").participants()).isZero();
    }

    @Test
    void badInputIsAUsageError() {
        assertThatThrownBy(() -> Options.parse("--databases", "oracle")).isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("oracle");
        assertThatThrownBy(() -> Options.parse("--changes", "0")).isInstanceOf(Options.UsageException.class);
        assertThatThrownBy(() -> Options.parse("--changes")).isInstanceOf(Options.UsageException.class);
        assertThatThrownBy(() -> Options.parse("--fast")).isInstanceOf(Options.UsageException.class);
    }
}
