package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"90s, PT1M30S", "4m, PT4M", "1h, PT1H", "1h30m, PT1H30M", "2m15s, PT2M15S", "1h5s, PT1H5S",
            "500ms, PT0.5S", "240, PT4M", "0, PT0S", "PT10M, PT10M", "pt10m, PT10M", "P1DT2H, PT26H", "' 5m ', PT5M",
            "10M, PT10M"})
    void givenADurationAsPeopleTypeIt_whenConverted_thenItIsThatLong(String text, Duration expected) {
        assertThat(converter.convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10x", "1.5h", "m", "30m1h", "-5", "PT-5M", "1 h", "PTM"})
    void givenSomethingElse_whenConverted_thenItIsAUsageErrorThatSaysWhatWorks(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void givenTheCommandLine_whenATimeoutIsGiven_thenEveryFormParsesAndABadOneExits64() {
        StreamgenCommand.Generate generate = new StreamgenCommand.Generate();
        CommandLine parser = new CommandLine(generate);
        parser.parseArgs("an app", "--timeout", "240");
        assertThat(generate.timeout).isEqualTo(Duration.ofMinutes(4));
        parser.parseArgs("an app");
        assertThat(generate.timeout).as("the default").isEqualTo(Duration.ofMinutes(10));

        StringWriter err = new StringWriter();
        CommandLine commandLine = StreamgenCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("generate", "an app", "--timeout", "soon", "--gateway", "http://127.0.0.1:1");

        assertThat(exit).isEqualTo(64);
        assertThat(err.toString()).contains("'soon' is not a duration: give e.g. 90s, 4m, 1h30m, 240 (seconds) or PT10M")
                .doesNotContain("\tat io.streamgen");
    }
}
