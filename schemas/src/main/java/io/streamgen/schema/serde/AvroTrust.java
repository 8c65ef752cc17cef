package io.streamgen.schema.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate classes it has not been told to trust. Our generated classes
 * are trusted here, in code, so that no service needs a system property for it.
 */
final class AvroTrust {

    static final String GENERATED_PACKAGE = "io.streamgen.schema";

    private static volatile boolean installed;

    private AvroTrust() {
    }

    static void ensureInstalled() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (!installed) {
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                        ClassSecurityValidator.getGlobal(),
                        type -> type.getName().startsWith(GENERATED_PACKAGE + ".")));
                installed = true;
            }
        }
    }
}
