package io.streamgen.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --timeout} and other durations as people type them: {@code 90s}, {@code 4m}, {@code 1h},
 * {@code 1h30m}, {@code 500ms}, plain seconds ({@code 240}) and ISO-8601 ({@code PT10M}). Anything
 * else is a usage error (exit 64) that says what would have been understood.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SECONDS = Pattern.compile("\\d+");
    /** Units largest first, each at most once: 1h30m, 2m15s, 1h500ms. */
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    @Override
    public Duration convert(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        try {
            if (SECONDS.matcher(text).matches()) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            if (text.startsWith("pt") || text.startsWith("p")) {
                return positive(value, Duration.parse(text.toUpperCase(Locale.ROOT)));
            }
            Matcher units = UNITS.matcher(text);
            if (!text.isEmpty() && units.matches()) {
                return positive(value, Duration.ofHours(number(units.group(1))).plusMinutes(number(units.group(2)))
                        .plusSeconds(number(units.group(3))).plusMillis(number(units.group(4))));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // said below
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: give e.g. 90s, 4m, 1h30m, 240"
                + " (seconds) or PT10M");
    }

    private static Duration positive(String value, Duration duration) {
        if (duration.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is negative: a duration must not be");
        }
        return duration;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
