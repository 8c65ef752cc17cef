package io.streamgen.agent.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamgen.schema.CachedAnswer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The answers this instance holds in memory: every entry of the shared cache topic it has read,
 * and its own new ones. Bounded by size (characters of answers) and age (from the entry's
 * creation, so an old entry read late from the topic is not given a new life).
 */
public final class ResponseCache {

    private final Cache<String, CachedAnswer> answers;
    private final Duration maxAge;
    private final Clock clock;

    public ResponseCache(long maxChars, Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((String key, CachedAnswer answer) -> answer.getAnswer().length() + key.length())
                .expireAfterWrite(maxAge)
                .build();
    }

    /** The answer cached for {@code key}, if there is one young enough. */
    public Optional<CachedAnswer> get(String key) {
        CachedAnswer answer = answers.getIfPresent(key);
        if (answer != null && tooOld(answer)) {
            answers.invalidate(key);
            return Optional.empty();
        }
        return Optional.ofNullable(answer);
    }

    /** Keeps an answer (its key is {@code provenance.key}); one past the age bound is ignored. */
    public void put(CachedAnswer answer) {
        if (!tooOld(answer)) {
            answers.put(answer.getProvenance().getKey(), answer);
        }
    }

    /** Forgets a key (a tombstone on the topic: an operator purged it). */
    public void remove(String key) {
        answers.invalidate(key);
    }

    public long size() {
        answers.cleanUp();
        return answers.estimatedSize();
    }

    private boolean tooOld(CachedAnswer answer) {
        return answer.getCreatedAt().plus(maxAge).isBefore(clock.instant());
    }
}
