package io.streamgen.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamgen.agent.model.ReplaySpeed;
import io.streamgen.schema.Role;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Every agent setting ({@code streamgen.*}); each can be overridden by the environment (STREAMGEN_AGENT_ROLE …). */
@ConfigMapping(prefix = "streamgen")
public interface StreamgenConfig {

    Agent agent();

    Llm llm();

    Cache cache();

    /** The response cache (DESIGN §6): answers to repeated prompts, shared through {@code streamgen.cache}. */
    interface Cache {
        /** Answer a task whose exact prompt was answered before from the cache, unless its request opts out. */
        @WithDefault("true")
        boolean enabled();

        /** Characters of answers one instance holds in memory (about two bytes each). */
        @WithDefault("33554432")
        long maxChars();

        /** How long an answer is served after it was first written (the topic keeps it 30 days). */
        @WithDefault("7D")
        Duration maxAge();
    }

    interface Agent {
        /** The role this service plays. */
        Role role();

        /** Tasks streamed at once by one instance; more wait in Kafka. */
        @WithDefault("8")
        int maxConcurrentTasks();

        /** A model call that has not finished by then is abandoned and retried. */
        @WithDefault("5M")
        Duration taskTimeout();

        /** Retries after a provider error, a timeout or unusable output, before FAILED. */
        @WithDefault("2")
        int retries();

        /** First retry delay; doubled for each further retry. */
        @WithDefault("1S")
        Duration retryBackoff();

        /** STREAMING status at most this often. */
        @WithDefault("500MS")
        Duration statusInterval();

        /** Characters pending without a statement end that force a chunk. */
        @WithDefault("4096")
        int hardCapChars();

        /** Adaptive chunk cadence in milliseconds (a viewer update about this often). */
        @WithDefault("100")
        long flushTargetMillis();

        /**
         * Look up earlier attempts of a task on the status topic before running it (so a task
         * redelivered after its agent died runs as the next attempt). Off only without Kafka.
         */
        @WithDefault("true")
        boolean priorAttemptLookup();

        /** A stream that has not sent its first token by then is abandoned and continued (a retry). */
        @WithDefault("60S")
        Duration firstTokenTimeout();

        /** A stream silent for this long after a token is abandoned and continued (a retry). */
        @WithDefault("30S")
        Duration interTokenTimeout();

        /** A status (STREAMING, tokens unchanged when the model is still thinking) at least this often. */
        @WithDefault("5S")
        Duration heartbeatInterval();

        /**
         * The most tokens other agents' signatures, contracts and files may take in a prompt, even
         * when the model's window is larger (prompt tokens are billed); a smaller window lowers it.
         */
        @WithDefault("6000")
        int contextBudgetTokens();

        /** The part of a model's context window kept free for its answer. */
        @WithDefault("4096")
        int answerReserveTokens();
    }

    interface Llm {
        /** template (offline, default), openai, anthropic, ollama or replay (recordings from replay-dir). */
        @WithDefault("template")
        String provider();

        @WithDefault("gpt-4o-mini")
        String model();

        /** e.g. http://localhost:8000/v1 for vLLM, http://localhost:11434/v1 for Ollama's OpenAI API. */
        Optional<String> baseUrl();

        /** Prefer the provider's variable (OPENAI_API_KEY, ANTHROPIC_API_KEY); never a file in the repo. */
        Optional<String> apiKey();

        @WithDefault("120S")
        Duration timeout();

        Template template();

        /**
         * Record every model stream here, as it happens: {@code <dir>/<generationId>/<taskId>-<n>.jsonl}
         * (STREAMGEN_LLM_RECORD_DIR). Works with any provider; unset records nothing.
         */
        Optional<String> recordDir();

        /** The recordings the {@code replay} provider answers from: one generation's folder or a whole record-dir. */
        Optional<String> replayDir();

        /** {@code original} (each token at its recorded offset) or {@code flat} (as fast as possible). */
        @WithDefault("original")
        ReplaySpeed replaySpeed();

        /**
         * The {@code provider:model} a request's {@code models} map may choose ({@code *} for any
         * model of a provider); anything else fails its task. The configured model is always allowed.
         */
        @WithDefault("template:*")
        java.util.List<String> allowedModels();

        /**
         * Context windows per model, in tokens: {@code streamgen.llm.context-windows."openai:gpt-4o"=128000}
         * or {@code "ollama:*"}. OpenAI's own model names are known without it.
         */
        Map<String, Integer> contextWindows();

        /** The context window of a model that has none configured or known. */
        @WithDefault("16384")
        int defaultContextWindow();

        /** Per-role overrides, e.g. streamgen.llm.roles.ui.provider=openai. */
        Map<String, RoleOverride> roles();

        interface Template {
            /** Tokens per second of the offline model; 0 = as fast as possible. */
            @WithDefault("150")
            double tokensPerSecond();
        }

        interface RoleOverride {
            Optional<String> provider();

            Optional<String> model();

            Optional<String> baseUrl();

            Optional<String> apiKey();
        }
    }
}
