# JVM image of any streamgen Quarkus service (the five agents, the gateway). Build the project first
# (./mvnw install -DskipTests); the build context is the service's folder, whose target/quarkus-app
# (the fast-jar layout) the image takes.
FROM eclipse-temurin:17-jre
WORKDIR /deployments
COPY target/quarkus-app/lib/ lib/
COPY target/quarkus-app/*.jar ./
COPY target/quarkus-app/app/ app/
COPY target/quarkus-app/quarkus/ quarkus/
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
USER 185
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar quarkus-run.jar"]
