package io.streamgen.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamgen.gateway.api.InterventionBody;
import io.streamgen.gateway.api.ProblemException;
import io.streamgen.gateway.api.RequestValidator;
import io.streamgen.gateway.publish.GenerationPublisher;
import io.streamgen.gateway.stream.EventFilter;
import io.streamgen.gateway.stream.EventStreams;
import io.streamgen.gateway.stream.NotFoundException;
import io.streamgen.gateway.stream.StreamEndedException;
import io.streamgen.gateway.stream.StreamRequest;
import io.streamgen.schema.Intervention;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@code /stream}: from the moment it opens, a socket gets every generation's events (the same JSON
 * as over SSE, with the specification's {@code agentId}, {@code code} and {@code metadata}), so that
 * a client that only listens, as in the specification's {@code ws.on('message')} example, needs to
 * send nothing. A client that subscribes gets only what it subscribed to from then on. Messages in:
 * {@code {"action":"subscribe","generationId":…,"from":…,"types":…,"roles":…}} (no generationId: every
 * generation, filtered), {@code {"action":"unsubscribe"}} (nothing more until the next subscribe),
 * {@code {"action":"intervene","generationId":…,"intervention":{…}}}. Replies: {@code subscribed}
 * (before the subscription's first event), {@code unsubscribed}, {@code intervention-accepted},
 * {@code ended} and {@code error} (with {@code status} and {@code detail}; the socket stays open).
 */
@WebSocket(path = "/stream")
public class StreamSocket {

    private static final Logger LOG = Logger.getLogger(StreamSocket.class);
    private static final StreamRequest EVERY_GENERATION = new StreamRequest(null, null, null, EventFilter.ALL);

    private final Map<String, SocketSubscription> sockets = new ConcurrentHashMap<>();

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

    @Inject
    io.streamgen.gateway.limits.ClientLimits limits;

    Clock clock = Clock.systemUTC();

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        SocketSubscription socket = new SocketSubscription(connection, streams, mapper);
        sockets.put(connection.id(), socket);
        try {
            socket.follow(EVERY_GENERATION, null);
        } catch (RuntimeException e) {
            send(connection, error(e));
        }
    }

    @OnTextMessage
    public void onMessage(String text, WebSocketConnection connection) {
        String reply;
        try {
            reply = handle(text, connection);
        } catch (RuntimeException e) {
            reply = error(e);
        }
        if (reply != null) {
            send(connection, reply);
        }
    }

    @OnBinaryMessage
    public void onBinary(Buffer data, WebSocketConnection connection) {
        send(connection, reply("error", Map.of("status", 400, "detail",
                "messages are JSON text, e.g. {\"action\":\"subscribe\",\"generationId\":\"…\"}")));
    }

    /** The last resort: a failure anywhere else is answered on this socket, which stays open. */
    @OnError
    public void onError(RuntimeException e, WebSocketConnection connection) {
        send(connection, error(e));
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        String client = connection.userData().get(OriginCheck.CLIENT);
        if (client != null) {
            limits.closeStream(client);
        }
        SocketSubscription socket = sockets.remove(connection.id());
        if (socket != null) {
            socket.close();
        }
    }

    /** The reply to one message, or null when the reply goes out as the opening of a subscription. */
    private String handle(String text, WebSocketConnection connection) {
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a message is a JSON object: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            throw new IllegalArgumentException("a message is a JSON object with an action");
        }
        return switch (message.path("action").asText("")) {
            case "subscribe" -> subscribe(message, connection);
            case "unsubscribe" -> unsubscribe(connection);
            case "intervene" -> intervene(message, connection);
            default -> throw new IllegalArgumentException("action is subscribe, unsubscribe or intervene");
        };
    }

    private String subscribe(JsonNode message, WebSocketConnection connection) {
        StreamRequest request = SubscribeMessage.parse(message);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("generationId", request.generationId());
        try {
            socket(connection).follow(request, reply("subscribed", fields));
        } catch (StreamEndedException e) {
            return reply("ended", fields);
        }
        return null;
    }

    private String unsubscribe(WebSocketConnection connection) {
        socket(connection).stop();
        return reply("unsubscribed", Map.of());
    }

    private SocketSubscription socket(WebSocketConnection connection) {
        return sockets.computeIfAbsent(connection.id(), id -> new SocketSubscription(connection, streams, mapper));
    }

    private String intervene(JsonNode message, WebSocketConnection connection) {
        String generationId = message.path("generationId").asText(null);
        RequestValidator.checkId(generationId);
        InterventionBody body;
        try {
            body = mapper.treeToValue(message.path("intervention"), InterventionBody.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("intervention is not valid: " + e.getOriginalMessage());
        }
        Intervention intervention = validator.intervention(generationId, body, principal(connection), clock.instant());
        try {
            publisher.intervene(intervention).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ProblemException(503, "Service Unavailable", "Kafka did not take the intervention");
        }
        return reply("intervention-accepted", Map.of("generationId", generationId,
                "interventionId", intervention.getInterventionId(), "action", intervention.getAction().name()));
    }

    /** Who opened the socket (found at the upgrade, {@link OriginCheck}, when auth is on), or null. */
    private String principal(WebSocketConnection connection) {
        return authenticator.enabled() ? connection.userData().get(OriginCheck.PRINCIPAL) : null;
    }

    /** An error reply; unexpected failures are logged, the socket stays open either way. */
    private String error(RuntimeException e) {
        int status;
        if (e instanceof ProblemException problem) {
            status = problem.status();
        } else if (e instanceof NotFoundException) {
            status = 404;
        } else if (e instanceof IllegalArgumentException) {
            status = 400;
        } else if (e instanceof IllegalStateException) {
            status = 503;
        } else {
            LOG.warn("a WebSocket message failed", e);
            status = 500;
        }
        return reply("error", Map.of("status", status, "detail", String.valueOf(e.getMessage())));
    }

    /** Fire and forget: a client that does not read must not hold a worker thread. */
    private void send(WebSocketConnection connection, String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(ok -> { }, failure -> LOG.debugf(
                    "a reply to WebSocket %s was not sent: %s", connection.id(), failure.getMessage()));
        }
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
