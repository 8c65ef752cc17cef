package io.streamgen.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An item's JSON text; shared records are written once for every client. */
public final class OutboundJson {

    private OutboundJson() {
    }

    public static String of(Outbound item, ObjectMapper mapper) {
        return of(item, mapper, false);
    }

    /** In the full encoding, or the {@link CompactJson} one; a shared record's text is written once per encoding. */
    public static String of(Outbound item, ObjectMapper mapper, boolean compact) {
        if (item.record() != null) {
            return compact ? item.record().json(mapper, CompactJson::of) : item.record().json(mapper);
        }
        try {
            return mapper.writeValueAsString(compact ? CompactJson.of(item.body()) : item.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + item.type() + " as JSON", e);
        }
    }
}
