package io.streamgen.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An item's JSON text; shared records are written once for every client. */
public final class OutboundJson {

    private OutboundJson() {
    }

    public static String of(Outbound item, ObjectMapper mapper) {
        if (item.record() != null) {
            return item.record().json(mapper);
        }
        try {
            return mapper.writeValueAsString(item.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + item.type() + " as JSON", e);
        }
    }
}
