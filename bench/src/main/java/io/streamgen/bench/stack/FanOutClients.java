package io.streamgen.bench.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many SSE clients of the gateway on one selector thread: the JDK's HttpClient needs a connection
 * and buffers per stream and cannot choose its local address, and thousands of them would measure
 * the harness, not the gateway. Each client is a plain HTTP/1.1 GET from its own loopback address
 * (127.0.0.2 … 127.0.0.201, as clients behind different hosts: a per-address limit sees each as
 * one of many). A client counts the events it reads (an SSE event ends with a blank line); every
 * {@code sampleEvery}-th client also records the latency of each draft from its {@code producedAt}.
 */
final class FanOutClients implements AutoCloseable {

    private static final Pattern PRODUCED_AT = Pattern.compile("\"producedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final int ADDRESSES = 200;

    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final LatencyWindow latencies;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private final java.util.Queue<Client> toRegister = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean running = true;

    private final class Client {
        final SocketChannel channel;
        final boolean sampled;
        final ByteBuffer request;
        final StringBuilder pending = new StringBuilder();
        boolean headers = true;

        Client(SocketChannel channel, boolean sampled, ByteBuffer request) {
            this.channel = channel;
            this.sampled = sampled;
            this.request = request;
        }
    }

    FanOutClients(LatencyWindow latencies) throws IOException {
        this.selector = Selector.open();
        this.latencies = latencies;
        this.loop = new Thread(this::run, "fan-out-clients");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /** Opens {@code n} more clients of {@code path} (with its query) on the gateway; returns at once. */
    void open(URI gateway, String path, int n, int sampleEvery) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + gateway.getHost() + ":" + gateway.getPort()
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
        InetSocketAddress server = new InetSocketAddress(gateway.getHost(), gateway.getPort());
        for (int i = 0; i < n; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            int index = clients.size();
            channel.bind(new InetSocketAddress("127.0.0." + (2 + index % ADDRESSES), 0));
            Client client = new Client(channel, sampleEvery > 0 && index % sampleEvery == 0,
                    ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            synchronized (clients) {
                clients.add(client);
            }
            channel.connect(server);
            toRegister.add(client);
            selector.wakeup();
            if (i % 200 == 199) {
                try {
                    Thread.sleep(20); // the gateway's accept queue, not a SYN flood
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    long connected() {
        return connected.get();
    }

    long refused() {
        return refused.get();
    }

    long closedByServer() {
        return closedByServer.get();
    }

    long events() {
        return events.get();
    }

    int size() {
        return clients.size();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (running) {
            try {
                for (Client added; (added = toRegister.poll()) != null; ) {
                    added.channel.register(selector, SelectionKey.OP_CONNECT, added);
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Client client = (Client) key.attachment();
                    try {
                        if (key.isConnectable() && client.channel.finishConnect()) {
                            key.interestOps(SelectionKey.OP_WRITE);
                        } else if (key.isWritable()) {
                            client.channel.write(client.request);
                            if (!client.request.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            buffer.clear();
                            int read = client.channel.read(buffer);
                            if (read < 0) {
                                closedByServer.incrementAndGet();
                                key.cancel();
                                client.channel.close();
                            } else {
                                read(client, new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
                            }
                        }
                    } catch (IOException e) {
                        refused.incrementAndGet();
                        key.cancel();
                        client.channel.close();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                if (running) {
                    refused.incrementAndGet();
                }
            }
        }
    }

    private void read(Client client, String text) {
        Instant now = Instant.now();
        client.pending.append(text);
        if (client.headers) {
            int end = client.pending.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            String status = client.pending.substring(0, Math.max(0, client.pending.indexOf("\r\n")));
            if (status.contains(" 200")) {
                connected.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
            client.headers = false;
            client.pending.delete(0, end + 4);
        }
        int boundary;
        while ((boundary = client.pending.indexOf("\n\n")) >= 0) {
            String event = client.pending.substring(0, boundary);
            client.pending.delete(0, boundary + 2);
            if (event.contains("data:")) {
                events.incrementAndGet();
                if (client.sampled) {
                    Matcher produced = PRODUCED_AT.matcher(event);
                    if (produced.find()) {
                        Instant at = Instant.parse(produced.group(1));
                        latencies.record((now.getEpochSecond() - at.getEpochSecond()) * 1_000_000
                                + (now.getNano() - at.getNano()) / 1_000);
                    }
                }
            }
        }
        if (client.pending.length() > 1 << 20) {
            client.pending.setLength(0); // not SSE: do not hold it
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (clients) {
            for (Client client : clients) {
                try {
                    client.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
