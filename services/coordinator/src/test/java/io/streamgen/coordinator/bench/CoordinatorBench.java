package io.streamgen.coordinator.bench;

import io.streamgen.coordinator.it.RunningCoordinator;

/**
 * The coordinator's throughput (chunks/s) and per-chunk latency on this machine. Not a test: run
 * {@code ./mvnw -q -f services/coordinator/pom.xml test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java
 * -Dexec.mainClass=io.streamgen.coordinator.bench.CoordinatorBench -Dexec.classpathScope=test}
 * (argument {@code engine} skips the broker part).
 */
public final class CoordinatorBench {

    private CoordinatorBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean withBroker = args.length == 0 || !"engine".equals(args[0]);
        System.out.println("== engine per chunk (decode, load state, apply, diff, save state, encode events)");
        for (MemoryStores.Format format : MemoryStores.Format.values()) {
            EngineBench.run(5, 200, format); // warm-up
        }
        for (int round = 1; round <= 3; round++) { // interleaved, so that the machine's noise hits each alike
            for (MemoryStores.Format format : MemoryStores.Format.values()) {
                EngineBench.Result engine = EngineBench.run(20, 300, format);
                System.out.printf("round %d, %s: %d chunks in %.2f s: %.0f chunks/s on one thread; per chunk %s%n",
                        round, format, engine.chunks(), engine.seconds(), engine.chunks() / engine.seconds(),
                        engine.latency());
            }
        }
        if (withBroker) {
            System.out.println("== end to end (in-JVM broker, exactly_once_v2, read_committed consumer)");
            BrokerBench bench = new BrokerBench();
            try (RunningCoordinator coordinator = BrokerBench.startCoordinator()) {
                bench.run(coordinator, "warm-", 2, 100, 0);
                BrokerBench.Result flat = bench.run(coordinator, "load-", 10, 300, 0);
                System.out.printf("throughput: %d chunks in %.2f s: %.0f chunks/s; latency under load %s%n",
                        flat.chunks(), flat.seconds(), flat.chunks() / flat.seconds(), flat.latency());
                BrokerBench.Result paced = bench.run(coordinator, "paced-", 1, 300, 20_000);
                System.out.printf("latency at agent pace (3 chunks every 20 ms): %s%n", paced.latency());
            }
        }
        System.exit(0);
    }
}
