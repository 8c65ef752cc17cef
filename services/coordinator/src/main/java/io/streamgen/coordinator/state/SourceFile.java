package io.streamgen.coordinator.state;

import io.streamgen.schema.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A merged file: its regions in order; the content is their texts joined. */
public class SourceFile {
    public String path;
    public int version;
    /** A user replaced the whole file: agents' writes to any of its regions are dropped. */
    public boolean userEdited;
    public List<Region> regions = new ArrayList<>();

    public SourceFile() {
    }

    public SourceFile(String path) {
        this.path = path;
    }

    public Optional<Region> region(String name) {
        return regions.stream().filter(r -> r.name.equals(name)).findFirst();
    }

    public String content() {
        StringBuilder out = new StringBuilder();
        regions.forEach(r -> out.append(r.text));
        return out.toString();
    }

    /** The file's stored size: what the per-file limit counts ({@link StoredSize}). */
    public long weight() {
        long weight = StoredSize.of(path);
        for (Region region : regions) {
            weight += region.weight();
        }
        return weight;
    }

    public int indexOf(Region region) {
        return regions.indexOf(region);
    }

    public List<Role> authors() {
        Set<Role> roles = new LinkedHashSet<>();
        regions.forEach(r -> {
            if (r.owner != null) {
                roles.add(r.owner);
            }
        });
        return List.copyOf(roles);
    }

    public SourceFile copy() {
        SourceFile copy = new SourceFile(path);
        copy.version = version;
        copy.userEdited = userEdited;
        regions.forEach(r -> copy.regions.add(r.copy()));
        return copy;
    }

    public static String sha256(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
