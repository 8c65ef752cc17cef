package io.streamgen.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A locked-down broker's credentials: SASL/SCRAM-SHA-512 on the client listener, one principal per
 * service and {@link #ADMIN}, the super user the launcher itself uses (topics, ACLs) and the nodes
 * use between themselves. Passwords are random per stack, kept in one file readable by its owner
 * alone ({@code 0600}), and never printed: {@link #toString()} names the principals only.
 */
public final class KafkaSecurity {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    /** The controller listener's mechanism: KRaft controllers cannot check SCRAM (KAFKA-15513). */
    static final String CONTROLLER_MECHANISM = "PLAIN";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, String> passwords;

    private KafkaSecurity(Path file, Map<String, String> passwords) {
        this.file = file;
        this.passwords = Map.copyOf(passwords);
    }

    /**
     * The credentials kept in {@code file}, with a new random password for every principal it does
     * not hold yet (the file is rewritten, owner-only, when one was added).
     */
    public static KafkaSecurity loadOrCreate(Path file, Collection<String> principals) throws IOException {
        Map<String, String> passwords = new TreeMap<>(load(file).map(s -> s.passwords).orElse(Map.of()));
        boolean added = passwords.putIfAbsent(ADMIN, newPassword()) == null;
        for (String principal : principals) {
            added |= passwords.putIfAbsent(principal, newPassword()) == null;
        }
        if (added) {
            write(file, passwords);
        }
        return new KafkaSecurity(file, passwords);
    }

    /** The credentials in {@code file}, if there is one (a stack started in secure mode). */
    public static Optional<KafkaSecurity> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, String> passwords = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> passwords.put(name, props.getProperty(name)));
        if (!passwords.containsKey(ADMIN)) {
            throw new IOException(file + " has no " + ADMIN + " credential");
        }
        return Optional.of(new KafkaSecurity(file, passwords));
    }

    private static void write(Path file, Map<String, String> passwords) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        StringBuilder text = new StringBuilder("# SASL/SCRAM credentials of this stack's Kafka (principal=password); keep private\n");
        passwords.forEach((principal, password) -> text.append(principal).append('=').append(password).append('\n'));
        Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** 24 random bytes, URL-safe Base64 without padding: no quote, comma or '=' to escape anywhere. */
    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Path file() {
        return file;
    }

    /** Every principal with a credential, {@link #ADMIN} included, in name order. */
    public Set<String> principals() {
        return new TreeMap<>(passwords).keySet();
    }

    String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no credential for " + principal + " in " + file);
        }
        return password;
    }

    /** {@code sasl.jaas.config} of a SCRAM client logging in as {@code principal}. */
    public String jaasConfig(String principal) {
        return jaas("org.apache.kafka.common.security.scram.ScramLoginModule", principal, password(principal), "");
    }

    static String jaas(String module, String user, String password, String more) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\"" + more + ";";
    }

    /** What a client (producer, consumer, admin, Streams) needs to log in as {@code principal}. */
    public Map<String, Object> clientProperties(String principal) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", PROTOCOL);
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaasConfig(principal));
        return props;
    }

    /**
     * A Kafka client properties file logging in as {@code principal}, owner-only: what a tool's
     * {@code --command-config} or the CLI's {@code --kafka-config} takes.
     */
    public Path writeClientProperties(Path target, String principal) throws IOException {
        Properties props = new Properties();
        clientProperties(principal).forEach((key, value) -> props.setProperty(key, value.toString()));
        java.io.StringWriter text = new java.io.StringWriter();
        props.store(text, principal + "'s Kafka login; keep private");
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temp, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** {@code --add-scram} arguments of {@code kafka-storage format}: every credential, at format time. */
    java.util.List<String> formatArguments() {
        java.util.List<String> args = new java.util.ArrayList<>();
        new TreeMap<>(passwords).forEach((principal, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + principal + ",password=" + password + "]");
        });
        return args;
    }

    /** True when {@code file} is readable and writable by its owner alone. */
    public static boolean ownerOnly(Path file) {
        try {
            return Files.getPosixFilePermissions(file).equals(OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<PosixFilePermission> ownerOnlyPermissions() {
        return OWNER_ONLY;
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + MECHANISM + ", principals " + principals() + ", in " + file + "]";
    }
}
