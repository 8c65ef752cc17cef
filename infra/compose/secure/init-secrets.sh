#!/bin/sh
# One-shot job of docker-compose.secure.yml (an image with a JDK: keytool), run before the brokers:
# a private CA and the brokers' TLS certificate, random passwords, and each party's settings, each
# written into that party's own volume only (mounted here at $OUT/<name>):
#   $OUT/kafka/      the brokers' server.properties fragment (listener logins, keystore), kafka.p12,
#                    truststore.p12, admin.properties (the super user's client settings, for the
#                    healthcheck and the setup job) and passwords/<principal> (for the setup job)
#   $OUT/<principal>/ application.properties (Quarkus and Spring Boot both read config/application.properties
#                    from their working directory) and truststore.p12, readable by the service's user alone
# Written once: a volume that holds them already is left as it is (a new stack: docker-compose down -v).
set -eu
OUT="${OUT:-/out}"
KAFKA_UID="${KAFKA_UID:-1000}"      # apache/kafka runs as appuser
SERVICE_UID="${SERVICE_UID:-185}"   # the streamgen images run as 185
SAN="${SAN:-dns:kafka-1,dns:kafka-2,dns:kafka-3,dns:localhost}"
KAFKA="$OUT/kafka"

if [ -f "$KAFKA/server.properties" ]; then
  echo "streamgen secrets exist; left as they are"
  exit 0
fi
umask 077
random() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

STORE=$(random); TRUST=$(random); ADMIN=$(random)
keytool -genkeypair -alias ca -dname CN=streamgen-kafka-ca -keyalg RSA -keysize 3072 -validity 825 -ext bc:c \
  -storetype PKCS12 -keystore "$work/ca.p12" -storepass "$STORE" 2>/dev/null
keytool -exportcert -rfc -alias ca -keystore "$work/ca.p12" -storepass "$STORE" -file "$work/ca.crt"
keytool -genkeypair -alias kafka -dname CN=kafka -keyalg RSA -keysize 3072 -validity 825 -ext "SAN=$SAN" \
  -storetype PKCS12 -keystore "$KAFKA/kafka.p12" -storepass "$STORE" 2>/dev/null
keytool -certreq -alias kafka -keystore "$KAFKA/kafka.p12" -storepass "$STORE" -file "$work/kafka.csr"
keytool -gencert -rfc -alias ca -keystore "$work/ca.p12" -storepass "$STORE" -infile "$work/kafka.csr" \
  -outfile "$work/kafka.crt" -validity 825 -ext "SAN=$SAN" -ext KU=digitalSignature,keyEncipherment \
  -ext EKU=serverAuth,clientAuth
keytool -importcert -noprompt -alias ca -file "$work/ca.crt" -keystore "$KAFKA/kafka.p12" -storepass "$STORE"
keytool -importcert -noprompt -alias kafka -file "$work/kafka.crt" -keystore "$KAFKA/kafka.p12" -storepass "$STORE"
keytool -importcert -noprompt -alias ca -file "$work/ca.crt" -storetype PKCS12 -keystore "$work/truststore.p12" \
  -storepass "$TRUST"
cp "$work/truststore.p12" "$KAFKA/truststore.p12"

plain="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$ADMIN\""
scram_server="org.apache.kafka.common.security.scram.ScramLoginModule required;"
# Brokers and controllers log in to each other as admin with PLAIN (its password is in this file, so
# nothing has to exist in the metadata log first); services log in with SCRAM-SHA-512.
cat > "$KAFKA/server.properties" <<PROPERTIES
listener.name.internal.plain.sasl.jaas.config=$plain user_admin="$ADMIN";
listener.name.internal.scram-sha-512.sasl.jaas.config=$scram_server
listener.name.controller.plain.sasl.jaas.config=$plain user_admin="$ADMIN";
listener.name.external.scram-sha-512.sasl.jaas.config=$scram_server
ssl.keystore.location=/mnt/shared/config/kafka.p12
ssl.keystore.type=PKCS12
ssl.keystore.password=$STORE
ssl.key.password=$STORE
ssl.truststore.location=/mnt/shared/config/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=$TRUST
PROPERTIES
cat > "$KAFKA/admin.properties" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=$plain;
ssl.truststore.location=/mnt/shared/config/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=$TRUST
PROPERTIES

mkdir -p "$KAFKA/passwords"
for dir in "$OUT"/*/; do
  principal=$(basename "$dir")
  [ "$principal" = kafka ] && continue
  password=$(random)
  printf '%s' "$password" > "$KAFKA/passwords/$principal"
  scram="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$principal\" password=\"$password\";"
  if [ "$principal" = coordinator ]; then
    # Spring Boot: spring.kafka.properties.* reach every client, Kafka Streams' included (working dir /app)
    prefix=spring.kafka.properties.; home=/app/config
  else
    # Quarkus: kafka.* reach every channel, the health check and the clients a service makes itself
    prefix=kafka.; home=/deployments/config
  fi
  cp "$work/truststore.p12" "$dir/truststore.p12"
  cat > "$dir/application.properties" <<PROPERTIES
# $principal's Kafka login, written by init-secrets.sh
${prefix}security.protocol=SASL_SSL
${prefix}sasl.mechanism=SCRAM-SHA-512
${prefix}sasl.jaas.config=$scram
${prefix}ssl.truststore.location=$home/truststore.p12
${prefix}ssl.truststore.type=PKCS12
${prefix}ssl.truststore.password=$TRUST
PROPERTIES
  chown -R "$SERVICE_UID" "$dir"
  chmod 0500 "$dir"
  chmod 0400 "$dir"/*
done
chown -R "$KAFKA_UID" "$KAFKA"
chmod -R go-rwx "$KAFKA"
echo "streamgen secrets written: a CA, the brokers' certificate for $SAN, one login per service"
