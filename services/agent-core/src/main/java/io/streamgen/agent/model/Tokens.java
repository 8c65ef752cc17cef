package io.streamgen.agent.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into pieces shaped like a BPE model's tokens: a word with its leading space, or one symbol. */
public final class Tokens {

    private static final Pattern TOKEN = Pattern.compile("[ \\t]*[A-Za-z0-9_]+|[ \\t]*[^A-Za-z0-9_\\s]|\\s+");

    private Tokens() {
    }

    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() > end) {
                tokens.add(text.substring(end, matcher.start()));
            }
            tokens.add(matcher.group());
            end = matcher.end();
        }
        if (end < text.length()) {
            tokens.add(text.substring(end));
        }
        return tokens;
    }
}
