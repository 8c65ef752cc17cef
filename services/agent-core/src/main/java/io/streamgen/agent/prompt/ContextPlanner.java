package io.streamgen.agent.prompt;

import io.streamgen.schema.AgentTask;
import io.streamgen.schema.ContextEntry;
import io.streamgen.schema.ContextKind;
import io.streamgen.source.Directive;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Chooses how each context entry appears in a prompt that must fit a token budget. Entries are
 * ranked by relevance to the task (a file the task edits, then what the task depends on or its
 * instructions name, then contracts, signatures and components, newer before older). When they do
 * not fit: no single entry may take more than {@link #MAX_SHARE} of the budget (one oversized
 * entry never evicts the rest: it is summarised, or left out itself); then the least relevant
 * entries are summarised (a file by its exports, a long entry by its first line) before any entry
 * is dropped; only then are the least relevant dropped.
 */
final class ContextPlanner {

    /** The most of the budget one entry may take. */
    static final double MAX_SHARE = 0.5;

    private enum Form { WHOLE, SUMMARY, DROPPED }

    /** The chosen context: its text, what it cost, what it would have cost whole, what was cut. */
    record Plan(String text, int usedTokens, int wholeTokens, List<String> summarised, List<String> dropped) {
        boolean trimmed() {
            return !summarised.isEmpty() || !dropped.isEmpty();
        }
    }

    private static final class Candidate {
        final int index;
        final ContextEntry entry;
        final double relevance;
        final String whole;
        final int wholeCost;
        String summary;
        int summaryCost = -1;
        Form form = Form.WHOLE;

        Candidate(int index, ContextEntry entry, double relevance, String whole, int wholeCost) {
            this.index = index;
            this.entry = entry;
            this.relevance = relevance;
            this.whole = whole;
            this.wholeCost = wholeCost;
        }

        int cost() {
            return switch (form) {
                case WHOLE -> wholeCost;
                case SUMMARY -> summaryCost;
                case DROPPED -> 0;
            };
        }

        String label() {
            return entry.getKind().name().toLowerCase(Locale.ROOT) + " " + entry.getName();
        }
    }

    private ContextPlanner() {
    }

    static Plan plan(AgentTask task, List<ContextEntry> entries, int budget, ToIntFunction<String> tokens) {
        if (entries.isEmpty()) {
            return new Plan("(nothing yet)\n", 0, 0, List.of(), List.of());
        }
        List<Candidate> candidates = new ArrayList<>();
        int wholeTotal = 0;
        for (int i = 0; i < entries.size(); i++) {
            ContextEntry entry = entries.get(i);
            String whole = render(entry, entry.getText());
            int cost = tokens.applyAsInt(whole);
            wholeTotal += cost;
            candidates.add(new Candidate(i, entry, relevance(task, entry, i, entries.size()), whole, cost));
        }
        List<Candidate> leastRelevantFirst = new ArrayList<>(candidates);
        leastRelevantFirst.sort(Comparator.comparingDouble((Candidate c) -> c.relevance).thenComparingInt(c -> c.index));
        int used = wholeTotal;
        if (used > budget) {
            int cap = (int) (budget * MAX_SHARE);
            for (Candidate c : leastRelevantFirst) {
                if (c.wholeCost > cap) {
                    used -= c.wholeCost;
                    c.form = summarise(c, tokens) && c.summaryCost <= cap ? Form.SUMMARY : Form.DROPPED;
                    used += c.cost();
                }
            }
            for (Candidate c : leastRelevantFirst) {
                if (used <= budget) {
                    break;
                }
                if (c.form == Form.WHOLE && summarise(c, tokens) && c.summaryCost < c.wholeCost) {
                    used += c.summaryCost - c.wholeCost;
                    c.form = Form.SUMMARY;
                }
            }
            for (Candidate c : leastRelevantFirst) {
                if (used <= budget) {
                    break;
                }
                if (c.form != Form.DROPPED) {
                    used -= c.cost();
                    c.form = Form.DROPPED;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        List<String> summarised = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        int summarisedFiles = 0;
        for (Candidate c : candidates) {
            switch (c.form) {
                case WHOLE -> append(out, c.whole);
                case SUMMARY -> {
                    append(out, c.summary);
                    summarised.add(c.label());
                    summarisedFiles += c.entry.getKind() == ContextKind.FILE ? 1 : 0;
                }
                case DROPPED -> dropped.add(c.label());
            }
        }
        if (summarisedFiles > 0) {
            out.append("(").append(summarisedFiles).append(summarisedFiles == 1 ? " file" : " files")
                    .append(" shown by signatures only: the budget did not fit them whole)\n");
        }
        int otherSummaries = summarised.size() - summarisedFiles;
        if (otherSummaries > 0) {
            out.append("(").append(otherSummaries).append(otherSummaries == 1 ? " entry" : " entries")
                    .append(" shortened to the first line: over the budget)\n");
        }
        if (!dropped.isEmpty()) {
            out.append("(").append(dropped.size()).append(dropped.size() == 1 ? " entry" : " entries")
                    .append(" left out: over the budget)\n");
        }
        return new Plan(out.toString(), used, wholeTotal, List.copyOf(summarised), List.copyOf(dropped));
    }

    /**
     * Higher is more relevant: a file the task edits (it is in the prompt because the task edits
     * it), what the task waits for or its instructions name, then by kind; newer breaks ties.
     */
    static double relevance(AgentTask task, ContextEntry entry, int index, int size) {
        double score = switch (entry.getKind()) {
            case FILE -> 4;
            case CONTRACT -> 2;
            case SIGNATURE -> 1.5;
            case COMPONENT -> 1;
        };
        String name = entry.getName();
        String bare = name.substring(name.indexOf(':') + 1);
        if (task.getDependsOn().contains(name) || !bare.isBlank() && task.getInstructions().contains(bare)) {
            score += 3;
        }
        return score + 0.5 * (index + 1) / size;
    }

    private static boolean summarise(Candidate c, ToIntFunction<String> tokens) {
        if (c.summaryCost < 0) {
            String text = c.entry.getKind() == ContextKind.FILE
                    ? ContextSummary.signaturesOf(c.entry.getName(), c.entry.getText())
                    : firstLine(c.entry.getText());
            c.summary = render(c.entry, text);
            c.summaryCost = tokens.applyAsInt(c.summary);
        }
        return true;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return (line.length() > 160 ? line.substring(0, 160) : line) + " …\n";
    }

    static String render(ContextEntry entry, String text) {
        if (entry.getKind() == ContextKind.FILE) {
            // a file as the agent would write it, with a trailing line break so the next marker starts a line
            return "- file " + entry.getName() + ":\n" + Directive.file(entry.getName()) + text
                    + (text.endsWith("\n") ? "" : "\n");
        }
        return "- " + entry.getKind().name().toLowerCase(Locale.ROOT) + " " + entry.getName() + ": " + text;
    }

    private static void append(StringBuilder out, String line) {
        out.append(line).append(line.endsWith("\n") ? "" : "\n");
    }
}
