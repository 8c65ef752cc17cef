package io.streamgen.agent.runtime;

import io.streamgen.agent.task.TaskExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tasks this instance is streaming, by generation, so that an intervention reaches exactly
 * the tasks of its generation; plus a bounded memory of tasks started here (to number a
 * redelivered task's attempt) and of cancelled generations (whose queued tasks are skipped).
 */
@ApplicationScoped
public class RunningTasks {

    private static final int REMEMBERED = 10_000;

    private final Map<String, List<TaskExecution>> byGeneration = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastAttempt = Collections.synchronizedMap(lru());
    private final Map<String, Boolean> cancelled = Collections.synchronizedMap(lru());

    public void add(TaskExecution execution) {
        byGeneration.computeIfAbsent(execution.task().getGenerationId(), g -> new CopyOnWriteArrayList<>()).add(execution);
    }

    public void remove(TaskExecution execution) {
        byGeneration.computeIfPresent(execution.task().getGenerationId(), (g, list) -> {
            list.remove(execution);
            return list.isEmpty() ? null : list;
        });
    }

    public List<TaskExecution> of(String generationId) {
        return byGeneration.getOrDefault(generationId, List.of());
    }

    public int running() {
        return byGeneration.values().stream().mapToInt(List::size).sum();
    }

    /** The attempt to run a task record with: its own, or one more than this instance already ran. */
    public int nextAttempt(String generationId, String taskId, int recordAttempt) {
        String key = generationId + "/" + taskId;
        synchronized (lastAttempt) {
            Integer last = lastAttempt.get(key);
            int attempt = last == null || last < recordAttempt ? recordAttempt : last + 1;
            lastAttempt.put(key, attempt);
            return attempt;
        }
    }

    public void recordAttempt(String generationId, String taskId, int attempt) {
        lastAttempt.merge(generationId + "/" + taskId, attempt, Math::max);
    }

    public void markCancelled(String generationId) {
        cancelled.put(generationId, Boolean.TRUE);
    }

    public boolean isCancelled(String generationId) {
        return cancelled.containsKey(generationId);
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
