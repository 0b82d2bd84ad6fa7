# Build stage: JDK 17, Maven (via the wrapper) and Node for the frontend.
FROM eclipse-temurin:17-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B package -DskipTests

# Runtime stage: the executable jar on a JRE.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app cascade
WORKDIR /app
COPY --from=build /src/api/target/cascade.jar /app/cascade.jar
USER cascade
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/cascade.jar"]
