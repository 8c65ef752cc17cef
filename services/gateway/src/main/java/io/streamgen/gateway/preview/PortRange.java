package io.streamgen.gateway.preview;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.OptionalInt;

/** A range of loopback ports, {@code from-to} inclusive, and the first of them free to bind. */
record PortRange(int from, int to) {

    PortRange {
        if (from < 1024 || to > 65535 || from > to) {
            throw new IllegalArgumentException("streamgen.preview.ports must be from-to within 1024-65535, not "
                    + from + "-" + to);
        }
    }

    static PortRange parse(String text) {
        String[] parts = text.trim().split("-");
        try {
            return parts.length == 1 ? new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[0]))
                    : new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("streamgen.preview.ports must be from-to, like 8200-8279, not " + text);
        }
    }

    /** A port of the range that no app of ours holds and nothing else has bound on loopback. */
    OptionalInt free(Collection<Integer> taken) {
        for (int port = from; port <= to; port++) {
            if (!taken.contains(port) && bindable(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
