package io.streamgen.bench;

import io.streamgen.agent.buffer.FlushPolicy;
import io.streamgen.agent.buffer.Language;
import io.streamgen.agent.buffer.StatementBuffer;
import io.streamgen.agent.model.Tokens;
import io.streamgen.agent.template.AppSpecs;
import io.streamgen.agent.template.TemplateApp;
import io.streamgen.schema.Phase;
import io.streamgen.schema.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tokens per second through the syntax-aware buffer on one thread: real JavaScript (the template
 * app's code) split into model-like tokens, with the adaptive policy (the default) or a fixed size.
 * One operation is one token, so the score is tokens/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StatementBufferBenchmark {

    @Param({"adaptive", "fixed-16"})
    public String policy;

    private List<String> tokens;
    private int next;
    private StatementBuffer buffer;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        var spec = AppSpecs.from(null, "a recipe manager with ingredients, tags and cooking time");
        StringBuilder code = new StringBuilder();
        for (Role role : List.of(Role.UI, Role.LOGIC, Role.API)) {
            TemplateApp.parts(role, Phase.FEATURES, spec).forEach(p -> code.append(p.text()));
            TemplateApp.parts(role, Phase.SKELETON, spec).stream().filter(p -> p.path().endsWith(".js"))
                    .forEach(p -> code.append(p.text()));
        }
        tokens = new ArrayList<>(Tokens.split(code.toString()));
        sink = blackhole;
        buffer = newBuffer();
    }

    private StatementBuffer newBuffer() {
        FlushPolicy flushPolicy = policy.equals("adaptive") ? FlushPolicy.adaptive(100) : FlushPolicy.fixed(16);
        return new StatementBuffer(Language.C_LIKE, flushPolicy, 4096, System::nanoTime, sink::consume);
    }

    @Benchmark
    public void addToken() {
        buffer.add(tokens.get(next++));
        if (next == tokens.size()) {
            buffer.finish();
            next = 0;
        }
    }
}
