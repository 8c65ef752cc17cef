package io.streamgen.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamgen.gateway.api.InterventionBody;
import io.streamgen.gateway.api.ProblemException;
import io.streamgen.gateway.api.RequestValidator;
import io.streamgen.gateway.hub.EventPosition;
import io.streamgen.gateway.publish.GenerationPublisher;
import io.streamgen.gateway.stream.EventFilter;
import io.streamgen.gateway.stream.EventStreams;
import io.streamgen.gateway.stream.NotFoundException;
import io.streamgen.gateway.stream.StreamEndedException;
import io.streamgen.gateway.stream.StreamRequest;
import io.streamgen.gateway.stream.Subscription;
import io.streamgen.schema.Intervention;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code /stream}: a client subscribes to a generation (optionally after an event id) and gets the
 * same events as over SSE; it sends interventions on the same socket. Messages in:
 * {@code {"action":"subscribe","generationId":…,"from":…,"types":…,"roles":…}},
 * {@code {"action":"unsubscribe"}}, {@code {"action":"intervene","generationId":…,"intervention":{…}}}.
 * Replies: {@code subscribed}, {@code intervention-accepted}, {@code ended} and {@code error} messages.
 */
@WebSocket(path = "/stream")
public class StreamSocket {

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    @Inject
    EventStreams streams;

    @Inject
    GenerationPublisher publisher;

    @Inject
    RequestValidator validator;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.streamgen.gateway.auth.Authenticator authenticator;

    Clock clock = Clock.systemUTC();

    @OnTextMessage
    public String onMessage(String text, WebSocketConnection connection) {
        try {
            JsonNode message = mapper.readTree(text);
            String action = message.path("action").asText("");
            return switch (action) {
                case "subscribe" -> subscribe(message, connection);
                case "unsubscribe" -> unsubscribe(connection);
                case "intervene" -> intervene(message, connection);
                default -> reply("error", Map.of("status", 400, "detail",
                        "action is subscribe, unsubscribe or intervene"));
            };
        } catch (ProblemException e) {
            return reply("error", Map.of("status", e.status(), "detail", e.getMessage()));
        } catch (NotFoundException e) {
            return reply("error", Map.of("status", 404, "detail", e.getMessage()));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return reply("error", Map.of("status", 400, "detail", String.valueOf(e.getMessage())));
        }
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        Subscription old = subscriptions.remove(connection.id());
        if (old != null) {
            old.close();
        }
    }

    private String subscribe(JsonNode message, WebSocketConnection connection) {
        String generationId = message.path("generationId").asText(null);
        RequestValidator.checkId(generationId);
        String from = message.path("from").asText(null);
        EventPosition after = from == null || from.isBlank() ? null : EventPosition.parse(from);
        EventFilter filter = EventFilter.parse(message.path("types").asText(null), message.path("roles").asText(null));
        unsubscribe(connection);
        try {
            Subscription subscription = streams.open(new StreamRequest(generationId, after, null, filter),
                    new WebSocketSink(connection, mapper));
            subscriptions.put(connection.id(), subscription);
        } catch (StreamEndedException e) {
            return reply("ended", Map.of("generationId", generationId));
        }
        return reply("subscribed", Map.of("generationId", generationId));
    }

    private String unsubscribe(WebSocketConnection connection) {
        Subscription old = subscriptions.remove(connection.id());
        if (old != null) {
            old.close();
        }
        return reply("unsubscribed", Map.of());
    }

    private String intervene(JsonNode message, WebSocketConnection connection) throws com.fasterxml.jackson.core.JsonProcessingException {
        String generationId = message.path("generationId").asText(null);
        RequestValidator.checkId(generationId);
        InterventionBody body = mapper.treeToValue(message.path("intervention"), InterventionBody.class);
        Intervention intervention = validator.intervention(generationId, body, principal(connection), clock.instant());
        try {
            publisher.intervene(intervention).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ProblemException(503, "Service Unavailable", "Kafka did not take the intervention");
        }
        return reply("intervention-accepted", Map.of("generationId", generationId,
                "interventionId", intervention.getInterventionId(), "action", intervention.getAction().name()));
    }

    /** Who opened the socket (checked at the upgrade when auth is on), or null. */
    private String principal(WebSocketConnection connection) {
        if (!authenticator.enabled()) {
            return null;
        }
        String session = null;
        String cookies = connection.handshakeRequest().header("Cookie");
        if (cookies != null) {
            for (String cookie : cookies.split(";")) {
                String[] pair = cookie.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(authenticator.cookieName())) {
                    session = pair[1];
                }
            }
        }
        return authenticator.principal(connection.handshakeRequest().header("Authorization"), session).orElse(null);
    }

    private String reply(String type, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.putAll(fields);
        try {
            return mapper.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
