package io.streamgen.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a service's own Kafka clients (consumers it creates itself, beside its channels) log in: the
 * same {@code security.protocol}, {@code sasl.*} and {@code ssl.*} settings that every channel gets
 * from {@code kafka.*} (and the environment: {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG}, …), taken from Quarkus's {@code default-kafka-broker} configuration.
 * Empty on an open broker.
 */
public final class KafkaLogin {

    /** The name Quarkus gives the map of every {@code kafka.*} setting. */
    public static final String DEFAULT_KAFKA_BROKER = "default-kafka-broker";

    private KafkaLogin() {
    }

    /** The login settings among {@code kafkaDefaults}; nothing else (the caller sets its own client settings). */
    public static Map<String, Object> of(Map<String, Object> kafkaDefaults) {
        Map<String, Object> login = new LinkedHashMap<>();
        if (kafkaDefaults == null) {
            return login;
        }
        kafkaDefaults.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank() && (key.equals("security.protocol")
                    || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                login.put(key, value);
            }
        });
        return login;
    }
}
