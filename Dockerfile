# Multi-stage build of the AiFlow console.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Node + npm build the DAG editor island (esbuild, run by AiFlow.Web.csproj); see docs/adr/0005.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig AiFlow.sln ./
COPY src/AiFlow.Domain/AiFlow.Domain.csproj src/AiFlow.Domain/
COPY src/AiFlow.Infrastructure/AiFlow.Infrastructure.csproj src/AiFlow.Infrastructure/
COPY src/AiFlow.Web/AiFlow.Web.csproj src/AiFlow.Web/
RUN dotnet restore src/AiFlow.Web/AiFlow.Web.csproj
COPY src/ src/
RUN dotnet publish src/AiFlow.Web/AiFlow.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl ffmpeg && rm -rf /var/lib/apt/lists/*
COPY --from=build /app .
# Run as the image's unprivileged user (APP_UID, created by the aspnet image); logs go to a folder it owns.
# /var/lib/aiflow holds what the console makes for itself (the demo's key-ring certificate); mount a volume there.
RUN mkdir -p /app/logs /var/lib/aiflow && chown "$APP_UID" /app/logs /var/lib/aiflow
USER $APP_UID
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 AiFlow__LogDirectory=/app/logs AiFlow__StateDirectory=/var/lib/aiflow
EXPOSE 5080
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD curl -fsS http://127.0.0.1:5080/health || exit 1
ENTRYPOINT ["dotnet", "AiFlow.Web.dll"]
