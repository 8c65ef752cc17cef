package io.streamgen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class FileArchiveTest {

    @Test
    void givenOddNames_whenZipped_thenTheGoodFilesAreInTheArchiveAndTheOthersReported() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("server.js", "server\n");
        files.put("../escape.js", "x");
        files.put("./server.js", "again");
        files.put("a\u0000b", "x");
        files.put("public/app.js", "app\n");
        files.put("broken.js", null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        List<FileArchive.Skipped> skipped = FileArchive.write("gen-1", List.copyOf(files.keySet()),
                path -> {
                    if (files.get(path) == null) {
                        throw new IllegalStateException("the coordinator answered 503");
                    }
                    return files.get(path);
                }, bytes);

        assertThat(entries(bytes.toByteArray())).containsExactly(Map.entry("gen-1/server.js", "server\n"),
                Map.entry("gen-1/public/app.js", "app\n"));
        assertThat(skipped).extracting(FileArchive.Skipped::path, FileArchive.Skipped::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("../escape.js", "a '..' segment"),
                org.assertj.core.groups.Tuple.tuple("./server.js", "the same file as server.js"),
                org.assertj.core.groups.Tuple.tuple("a\u0000b", "a NUL character"),
                org.assertj.core.groups.Tuple.tuple("broken.js", "not readable: the coordinator answered 503"));
    }

    private static Map<String, String> entries(byte[] zip) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
