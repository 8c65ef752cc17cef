package io.streamgen.agent.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamgen.schema.CachedAnswer;
import io.streamgen.schema.Role;
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

    /**
     * The answer cached for {@code key} if it was written by {@code role} on {@code model}: the
     * topic is shared (and any producer with write access may write to it), so an entry whose key
     * matches but that another role or model wrote is a miss, never another agent's code.
     */
    public Optional<CachedAnswer> get(String key, Role role, String model) {
        return get(key).filter(answer -> answer.getRole() == role && model.equals(answer.getModel()));
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
