# The ServiceHall silo image (charts/servicehall runs it). Build from the repository root:
#   docker build -t registry.example.gov.cn/servicehall/silo:0.1.0 .
# Not built in this repository's CI (no container engine there): see charts/servicehall/README.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build restores the PDF font, the pages' script libraries and Elsa Studio from npm (see api/*/*.targets).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY workflows/ workflows/
COPY grains/ grains/
COPY api/ api/
COPY silo/ silo/
RUN dotnet publish silo/ServiceHall.Silo.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# A fixed non-root user; the chart runs it with a read-only root file system and writable /app/data and /tmp.
RUN groupadd --gid 10001 servicehall && useradd --uid 10001 --gid 10001 --no-create-home servicehall \
    && mkdir -p /app/data && chown 10001:10001 /app/data
USER 10001:10001
ENV Urls=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "ServiceHall.Silo.dll"]
