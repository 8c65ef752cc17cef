package io.streamgen.agent.task;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import io.streamgen.agent.model.EnsembleFailedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed model stream means for the task (DESIGN §4 "Providers fail like providers"): a key
 * or model the provider refuses will not get better (the task fails at once); a rate limit waits as
 * long as the provider asks; a context-length error retries with less context; a 5xx, a broken
 * stream or a missed deadline is continued after a backoff.
 */
record ProviderFailure(String reason, boolean permanent, boolean contextTooLong, Optional<Duration> retryAfter) {

    private static final Pattern RETRY_AFTER = Pattern.compile(
            "(?:retry[- ]after|try again in)[:\\s]*(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|sec|seconds?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context[_ ]length|context window|maximum context|too many tokens|prompt is too long|reduce the length",
            Pattern.CASE_INSENSITIVE);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    static ProviderFailure of(Throwable error) {
        if (error instanceof EnsembleFailedException ensemble && ensemble.getCause() != null) {
            // retried or failed over as its most telling member's failure, explained as the whole ensemble's
            ProviderFailure member = of(ensemble.getCause());
            return new ProviderFailure(message(ensemble), member.permanent(), member.contextTooLong(), member.retryAfter());
        }
        Throwable cause = error;
        HttpException http = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException h) {
                http = h;
                break;
            }
            if (t instanceof AuthenticationException || t instanceof ModelNotFoundException) {
                cause = t;
                break;
            }
        }
        String message = message(http != null ? http : cause);
        if (cause instanceof AuthenticationException) {
            return new ProviderFailure("the provider refused the credentials: " + message, true, false, Optional.empty());
        }
        if (cause instanceof ModelNotFoundException) {
            return new ProviderFailure("the provider does not know the model: " + message, true, false, Optional.empty());
        }
        if (http == null) {
            return new ProviderFailure(message, false, CONTEXT_LENGTH.matcher(message).find(), Optional.empty());
        }
        int status = http.statusCode();
        String reason = "HTTP " + status + ": " + message;
        return switch (status) {
            case 401, 403 -> new ProviderFailure("the provider refused the credentials (" + reason + ")", true, false, Optional.empty());
            case 404 -> new ProviderFailure("the provider does not know the model (" + reason + ")", true, false, Optional.empty());
            case 429 -> new ProviderFailure("rate limited (" + reason + ")", false, false, retryAfter(message));
            case 400, 413, 422 -> CONTEXT_LENGTH.matcher(message).find()
                    ? new ProviderFailure("the prompt is longer than the model's context (" + reason + ")", false, true, Optional.empty())
                    : new ProviderFailure("the provider rejected the request (" + reason + ")", true, false, Optional.empty());
            default -> new ProviderFailure(reason, false, false, retryAfter(message));
        };
    }

    /** The wait a provider states in its error ("Please try again in 20s", "retry after 2 seconds"). */
    static Optional<Duration> retryAfter(String message) {
        Matcher m = RETRY_AFTER.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        Duration wait = unit.startsWith("m") ? Duration.ofMillis((long) value) : Duration.ofMillis((long) (value * 1000));
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    private static String message(Throwable t) {
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
