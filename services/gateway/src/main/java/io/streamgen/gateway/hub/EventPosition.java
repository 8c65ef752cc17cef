package io.streamgen.gateway.hub;

/** A place on the events topic, written {@code <partition>-<offset>} as an SSE event id. */
public record EventPosition(int partition, long offset) {

    public static EventPosition parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no event id");
        }
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("an event id is <partition>-<offset>, got '" + text + "'");
        }
        try {
            int partition = Integer.parseInt(text.substring(0, dash).trim());
            long offset = Long.parseLong(text.substring(dash + 1).trim());
            if (partition < 0 || offset < 0) {
                throw new IllegalArgumentException("an event id has no negative parts: '" + text + "'");
            }
            return new EventPosition(partition, offset);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an event id is <partition>-<offset>, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
