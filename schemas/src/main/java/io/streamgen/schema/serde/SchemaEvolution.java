package io.streamgen.schema.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The rule every schema change must pass: the new (reader) version reads records written with each
 * shipped (writer) version, as Avro's schema resolution decides.
 */
public final class SchemaEvolution {

    private static final Pattern TOP_LEVEL_FIELD = Pattern.compile("^/fields/(\\d+)");

    private SchemaEvolution() {
    }

    /** Problems that stop {@code reader} from reading records of each of {@code writers}; empty = compatible. */
    public static List<String> incompatibilities(Schema reader, List<Schema> writers) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writers.get(i)).getResult();
            if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                for (Incompatibility problem : result.getIncompatibilities()) {
                    problems.add(reader.getFullName() + " cannot read shipped v" + (i + 1) + ": "
                            + problem.getType() + " at " + describe(reader, problem.getLocation()) + " ("
                            + problem.getMessage() + ")");
                }
            }
        }
        return problems;
    }

    /** "/fields/1/type" becomes "/fields/1/type (field prompt)" for a top-level field. */
    private static String describe(Schema reader, String location) {
        var match = TOP_LEVEL_FIELD.matcher(location);
        if (match.find() && reader.getType() == Schema.Type.RECORD) {
            int index = Integer.parseInt(match.group(1));
            if (index < reader.getFields().size()) {
                return location + " (field " + reader.getFields().get(index).name() + ")";
            }
        }
        return location;
    }
}
