# syntax=docker/dockerfile:1
# The engine image: one jar, either role (HANDOFF_ROLES=api, worker, or api,worker).

FROM eclipse-temurin:21.0.9_10-jdk-noble AS build
WORKDIR /src
# The Maven repository lives in a build cache, so a source change does not download the world again.
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY workflows/pom.xml workflows/
COPY journeys/pom.xml journeys/
COPY platforms/pom.xml platforms/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY sandbox/pom.xml sandbox/
COPY sandbox-contract/pom.xml sandbox-contract/
COPY api/pom.xml api/
COPY bench/pom.xml bench/
COPY workflows/src workflows/src
COPY journeys/src journeys/src
COPY platforms/src platforms/src
COPY activities/src activities/src
COPY worker/src worker/src
COPY sandbox/src sandbox/src
COPY sandbox-contract/src sandbox-contract/src
COPY api/src api/src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl api -am package -DskipTests \
 && java -Djarmode=tools -jar api/target/handoff-engine.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:21.0.9_10-jre-noble
RUN groupadd --system --gid 10001 handoff && useradd --system --uid 10001 --gid handoff --no-create-home handoff
WORKDIR /app
# Spring Boot's layers, least to most often changed, so image updates ship only the last ones.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
EXPOSE 8080
# The JVM settings of deploy/jvm.options (Serial GC, a 160 MB heap cap, bounded code cache and
# metaspace): measured on the real server, bench/RESULTS.md. Options added after the file win:
# JDK_JAVA_OPTIONS="@/app/jvm.options -Xmx512m". Two malloc arenas keep glibc from growing one per core.
COPY deploy/jvm.options /app/jvm.options
ENV JDK_JAVA_OPTIONS="@/app/jvm.options" MALLOC_ARENA_MAX=2
# No curl in the JRE image: bash's /dev/tcp asks the readiness probe.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
