package io.streamgen.schema.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate classes it was not told to trust, even inside a record's own
 * builder (for default values). The generated package is trusted here, in code, so that nobody
 * needs a system property: every generated record class calls {@link #install()} as it loads (the
 * schemas build adds the static initialiser), and so do the serdes and the topic catalogue.
 */
public final class AvroTrust {

    /** The package of the generated records. */
    public static final String GENERATED_PACKAGE = "io.streamgen.schema";

    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Adds the generated package to Avro's trusted classes; idempotent. */
    public static void install() {
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
