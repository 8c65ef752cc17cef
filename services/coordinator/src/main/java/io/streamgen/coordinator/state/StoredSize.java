package io.streamgen.coordinator.state;

/**
 * How many bytes a text takes in a store value or record: UTF-8, with JSON's escapes (a quote, a
 * backslash or a newline counts 2, other control characters 6). The size limits count this, so
 * that a file under its limit is also a store value and a record under theirs, whatever it holds.
 */
public final class StoredSize {

    /** A region's fields besides its text and name (owner, phase, versions, task) as JSON, rounded up. */
    public static final int PER_REGION = 160;

    private StoredSize() {
    }

    public static int of(String text) {
        if (text == null) {
            return 0;
        }
        int size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                size += c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f' ? 2 : 6;
            } else if (c == '"' || c == '\\') {
                size += 2;
            } else if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        return size;
    }

    /** "1 MiB", "640 KiB", "12 bytes": as a person reads a limit. */
    public static String say(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return bytes % 1024 == 0 ? bytes / 1024 + " KiB"
                    : String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
