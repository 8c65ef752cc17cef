package io.streamgen.gateway.hub;

import io.opentelemetry.context.Context;
import io.streamgen.schema.GenerationEvent;
import io.streamgen.schema.serde.GenerationEventDeserializer;
import io.streamgen.schema.serde.UndecodableRecordException;
import io.streamgen.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Decodes an events-topic record; a record that cannot be decoded is logged and skipped. */
final class EventDecoder {

    private static final Logger LOG = Logger.getLogger(EventDecoder.class);

    private final GenerationEventDeserializer deserializer = new GenerationEventDeserializer();
    private final EventTraces traces;

    /** A decoder for history: replays are not the trace's delivery, so they keep no context. */
    EventDecoder() {
        this(null);
    }

    EventDecoder(EventTraces traces) {
        this.traces = traces;
    }

    HubRecord decode(ConsumerRecord<String, byte[]> record) {
        try {
            GenerationEvent event = deserializer.deserialize(Topics.EVENTS.name(), record.value());
            return event == null ? null
                    : new HubRecord(record.partition(), record.offset(), record.timestamp(), event,
                    traces == null ? Context.root() : traces.writtenIn(record.headers()));
        } catch (UndecodableRecordException e) {
            LOG.warnf("skipping undecodable event at %d-%d: %s", record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }
}
