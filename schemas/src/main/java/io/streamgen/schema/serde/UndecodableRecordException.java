package io.streamgen.schema.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a topic that are not a streamgen record this reader can decode. It is a Kafka
 * {@link SerializationException}, so Kafka Streams' deserialization handlers and SmallRye's
 * failure strategies treat it as a poison record, and services send it to the dead-letter topic.
 */
public final class UndecodableRecordException extends SerializationException {

    private final String topic;
    private final String reason;

    public UndecodableRecordException(String topic, String reason, Throwable cause) {
        super("undecodable record on topic " + (topic == null ? "<unknown>" : topic) + ": " + reason, cause);
        this.topic = topic;
        this.reason = reason;
    }

    public String topic() {
        return topic;
    }

    public String reason() {
        return reason;
    }
}
