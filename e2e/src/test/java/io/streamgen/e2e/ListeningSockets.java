package io.streamgen.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets some processes listen on, read from Linux's {@code /proc}: each process's socket
 * inodes ({@code /proc/<pid>/fd} → {@code socket:[inode]}) matched with the listening entries of
 * {@code /proc/net/tcp} and {@code tcp6}. What {@code ss -ltnp} shows, without needing it.
 */
final class ListeningSockets {

    /** One listening socket: the address as {@code ip:port}, and whether it is loopback only. */
    record Listener(long pid, String address, boolean loopback) {
    }

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static List<Listener> of(Iterable<Long> pids) throws IOException {
        List<String[]> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (Files.isReadable(file)) {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && LISTEN.equals(f[3])) {
                        listening.add(f);
                    }
                }
            }
        }
        List<Listener> listeners = new ArrayList<>();
        for (long pid : pids) {
            Set<String> inodes = socketInodes(pid);
            for (String[] f : listening) {
                if (inodes.contains(f[9])) {
                    listeners.add(listener(pid, f[1]));
                }
            }
        }
        return listeners;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (!Files.isDirectory(fds)) {
            return inodes;
        }
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        }
        return inodes;
    }

    /** {@code 0100007F:1F90} (IPv4, little-endian words) or a 32-hex-digit IPv6 address, and the port. */
    static Listener listener(long pid, String local) {
        String[] parts = local.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String hex = parts[0].toUpperCase(Locale.ROOT);
        if (hex.length() == 8) {
            int a = Integer.parseInt(hex.substring(6, 8), 16);
            String ip = a + "." + Integer.parseInt(hex.substring(4, 6), 16) + "." + Integer.parseInt(hex.substring(2, 4), 16)
                    + "." + Integer.parseInt(hex.substring(0, 2), 16);
            return new Listener(pid, ip + ":" + port, a == 127);
        }
        boolean loopback6 = hex.equals("00000000000000000000000001000000");
        boolean mapped127 = hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F");
        return new Listener(pid, "[" + hex + "]:" + port, loopback6 || mapped127);
    }
}
