package io.streamgen.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the gateway can be told, under {@code streamgen.gateway.*} (each with an env override). */
@ConfigMapping(prefix = "streamgen.gateway")
public interface GatewayConfig {

    /** Largest accepted prompt, in UTF-8 bytes. */
    @WithDefault("65536")
    int maxPromptBytes();

    /**
     * Events a client may have waiting before its file and draft events are coalesced; above the
     * hub's poll size (256) so that one poll's burst never counts as falling behind.
     */
    @WithDefault("1024")
    int clientQueueCapacity();

    /** Characters of coalesced draft text kept per file before the text is dropped for a refetch. */
    @WithDefault("65536")
    int draftCoalesceMaxChars();

    /** SSE comment interval that keeps proxies from closing an idle stream. */
    @WithDefault("15s")
    Duration keepAlive();

    /** The SSE {@code retry:} a client waits before reconnecting. */
    @WithDefault("2000")
    long retryMillis();

    /** Clock skew allowed between the requester and the coordinator when finding a generation's first event. */
    @WithDefault("10s")
    Duration startSlack();

    /** How far back a generation of unknown start time is looked for (the events topic's retention). */
    @WithDefault("7d")
    Duration replayWindow();

    /** Threads (each with one Kafka consumer) that read history for resuming and new clients. */
    @WithDefault("2")
    int catchUpReaders();

    /** Longest wait for a history read before the request fails. */
    @WithDefault("30s")
    Duration catchUpTimeout();

    /** Generations whose start time and end are remembered for quick look-up. */
    @WithDefault("10000")
    int rememberedGenerations();

    /**
     * The {@code provider:model} entries ({@code provider:*}, {@code *}) a request's {@code models}
     * map may choose; anything else is answered 422. The agents check the same list
     * ({@code streamgen.llm.allowed-models}); application.properties reads both from
     * STREAMGEN_LLM_ALLOWED_MODELS.
     */
    @WithDefault("template:*")
    List<String> allowedModels();

    /**
     * Host names (the {@code Host} header without its port) the gateway answers to; any other is
     * refused with 421, which stops DNS rebinding. The configured {@code quarkus.http.host} is added
     * unless it is a wildcard; {@code *} turns the check off.
     */
    @WithDefault("localhost,127.0.0.1,[::1]")
    List<String> allowedHosts();

    /**
     * Origins ({@code https://streamgen.example}) the dashboard is served from besides this gateway's
     * own host and port, e.g. behind a reverse proxy. A cookie-authenticated mutating call and a
     * WebSocket must come from one of them or from an allowed host on the gateway's own port.
     */
    Optional<List<String>> publicOrigins();

    Auth auth();

    Limits limits();

    WebSocket websocket();

    Recent recent();

    /** The list of running and recent generations ({@code GET /api/generations}). */
    interface Recent {
        /** Generations kept in memory; the one that started first is dropped first. */
        @WithDefault("500")
        int capacity();

        /** How far back the events topic is read at start-up, so that a restarted gateway still lists them. */
        @WithDefault("24h")
        Duration readBack();

        /** At most this many records of each partition are read back at start-up (the newest). */
        @WithDefault("20000")
        int readBackRecords();

        /** The read-back gives up after this long (the list then holds what it read, and everything live). */
        @WithDefault("2m")
        Duration readBackTimeout();
    }

    interface Auth {
        /** Off for the local stack. */
        @WithDefault("false")
        boolean enabled();

        /** Accepted bearer tokens when auth is on (comma separated; from the environment in production). */
        Optional<List<String>> tokens();

        @WithDefault("streamgen_session")
        String cookieName();

        /**
         * Whether the gateway may listen beyond loopback with auth off. It refuses to start that way
         * unless this says so explicitly: anyone who can reach it could read every generation.
         */
        @WithDefault("false")
        boolean allowAnonymousBeyondLoopback();

        Oidc oidc();
    }

    /**
     * OIDC access tokens as a second kind of bearer token (with auth on): a bearer that is not one of
     * {@code tokens} is verified as a JWT of the issuer in {@code quarkus.oidc.auth-server-url}
     * (signature by its JWKS, {@code iss}, {@code exp}, {@code quarkus.oidc.token.audience} if set).
     * application.properties turns the Quarkus OIDC tenant on with this, so that an extension present
     * but off never reaches for an issuer.
     */
    interface Oidc {
        @WithDefault("false")
        boolean enabled();
    }

    /** Per client: the principal when authenticated, the remote address otherwise. Over a limit: 429 problem. */
    interface Limits {
        /** Requests per minute (a token bucket holding a minute's worth); 0 turns it off. */
        @WithDefault("600")
        int requestsPerMinute();

        /** Open SSE streams and WebSockets at once; 0 turns it off. */
        @WithDefault("16")
        int streamsPerClient();

        /** Generations a client started that have not ended yet; 0 turns it off. */
        @WithDefault("8")
        int generationsInFlightPerClient();
    }

    interface WebSocket {
        /** Origins allowed to open /stream; an empty list allows only requests without an Origin. */
        @WithDefault("http://localhost:8080,http://127.0.0.1:8080")
        List<String> allowedOrigins();
    }
}
