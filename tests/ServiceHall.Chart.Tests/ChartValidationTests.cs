using System.Text.Json;

namespace ServiceHall.Chart.Tests;

/// <summary>
/// charts/servicehall checked with real tools: the values against values.schema.json (ajv), the templates rendered by
/// Go's text/template + sprig, and every rendered document against the Kubernetes schema of its kind (kubernetes-models).
/// helm itself, an image build and an install are not available here (charts/servicehall/README.md).
/// </summary>
public sealed class ChartValidationTests(ChartToolchain tools) : IClassFixture<ChartToolchain>
{
    [SkippableFact]
    public async Task AProductionInstallPassesTheSchemaAndRendersOnlyValidKubernetesObjects()
    {
        tools.RequireReady();
        var values = await tools.ValidateValuesAsync(tools.Case("production.yaml"));
        Assert.True(values.Valid, values.Json);

        var rendered = await tools.RenderAsync(tools.Case("production.yaml"));
        Assert.True(rendered.ExitCode == 0, rendered.Errors);
        var manifests = await tools.ValidateManifestsAsync(rendered.Output);
        Assert.True(manifests.Valid, manifests.Json);

        var kinds = (await tools.ParseAsync(rendered.Output)).Select(d => d.GetProperty("kind").GetString()!).Order().ToArray();
        Assert.Equal(
            ["ConfigMap", "Deployment", "Ingress", "PodDisruptionBudget", "Role", "RoleBinding", "Secret", "Service", "ServiceAccount"],
            kinds);
    }

    [SkippableFact]
    public async Task TheSiloPodCarriesOrleansClusterLabelsPortsProbesAndItsConfiguration()
    {
        tools.RequireReady();
        var documents = await RenderAsync("production.yaml");
        var deployment = Single(documents, "Deployment");
        var pod = deployment.GetProperty("spec").GetProperty("template");
        var labels = pod.GetProperty("metadata").GetProperty("labels");
        Assert.Equal("servicehall", labels.GetProperty("orleans/serviceId").GetString());
        Assert.Equal("servicehall", labels.GetProperty("orleans/clusterId").GetString());

        var container = pod.GetProperty("spec").GetProperty("containers")[0];
        var ports = container.GetProperty("ports").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("containerPort").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["http"] = 8080, ["dashboard"] = 9090, ["silo"] = 11111, ["gateway"] = 30000 }, ports);
        Assert.Equal("/health/live", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/ready", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.True(container.GetProperty("resources").GetProperty("requests").TryGetProperty("cpu", out _));

        var env = Env(container);
        Assert.Equal("true", env["ServiceHall__Cluster__Kubernetes__Enabled"].GetProperty("value").GetString());
        // TLS ends at the Ingress: the silo honours X-Forwarded-Proto/-For (Secure session cookie, real client IP), but
        // only from the controller's network: the blanket switch would let any client pick its rate-limit bucket.
        Assert.False(env.ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        Assert.Equal("10.0.0.0/8", env["ServiceHall__ForwardedHeaders__KnownNetworks__0"].GetProperty("value").GetString());
        Assert.Equal("Postgres", env["ServiceHall__Storage__Mode"].GetProperty("value").GetString());
        Assert.Equal("00:00:05", env["ServiceHall__Cluster__Membership__ProbeTimeout"].GetProperty("value").GetString());
        Assert.Equal("00:00:05", env["ServiceHall__Shutdown__DrainDelay"].GetProperty("value").GetString());
        Assert.Equal("metadata.labels['orleans/serviceId']",
            env["ORLEANS_SERVICE_ID"].GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString());
        foreach (var name in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP" })
        {
            Assert.True(env[name].GetProperty("valueFrom").TryGetProperty("fieldRef", out _), name);
        }

        // The connection string and both signing keys come from the chart's Secret, under the keys it writes.
        var secret = Single(documents, "Secret");
        var secretName = secret.GetProperty("metadata").GetProperty("name").GetString();
        foreach (var name in new[] { "ServiceHall__Storage__Postgres__ConnectionString", "ServiceHall__Auth__SigningKey", "ServiceHall__Certificates__SigningKey" })
        {
            var reference = env[name].GetProperty("valueFrom").GetProperty("secretKeyRef");
            Assert.Equal(secretName, reference.GetProperty("name").GetString());
            Assert.True(secret.GetProperty("data").TryGetProperty(reference.GetProperty("key").GetString()!, out _), name);
        }

        // The schema step runs first, as an init container with the image's "migrate" command.
        var init = pod.GetProperty("spec").GetProperty("initContainers")[0];
        Assert.Equal(["migrate"], init.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal("false", env["ServiceHall__Storage__Postgres__MigrateOnStart"].GetProperty("value").GetString());

        // The ConfigMap holds the extra appsettings as JSON, mounted where ASP.NET reads appsettings.Production.json.
        var config = Single(documents, "ConfigMap").GetProperty("data").GetProperty("appsettings.Production.json").GetString()!;
        using var appsettings = JsonDocument.Parse(config);
        Assert.Equal("gz", appsettings.RootElement.GetProperty("ServiceHall").GetProperty("Organisation").GetProperty("Halls")[0].GetProperty("Code").GetString());
    }

    [SkippableFact]
    public async Task ServiceDisruptionBudgetAndIngressSelectTheSiloPodsAndKeepSignalRSticky()
    {
        tools.RequireReady();
        var documents = await RenderAsync("production.yaml");
        var podLabels = Single(documents, "Deployment").GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");

        void AssertSelects(JsonElement selector)
        {
            foreach (var label in selector.EnumerateObject())
            {
                Assert.Equal(label.Value.GetString(), podLabels.GetProperty(label.Name).GetString());
            }
        }

        var service = Single(documents, "Service");
        AssertSelects(service.GetProperty("spec").GetProperty("selector"));
        AssertSelects(Single(documents, "PodDisruptionBudget").GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"));
        Assert.Equal(1, Single(documents, "PodDisruptionBudget").GetProperty("spec").GetProperty("maxUnavailable").GetInt32());

        var ingress = Single(documents, "Ingress");
        var annotations = ingress.GetProperty("metadata").GetProperty("annotations");
        Assert.Equal("cookie", annotations.GetProperty("nginx.ingress.kubernetes.io/affinity").GetString());
        Assert.Equal("3600", annotations.GetProperty("nginx.ingress.kubernetes.io/proxy-read-timeout").GetString());
        // ingress-nginx would refuse uploads above 1m; the default lets a full 40 MiB submission plus its form through.
        Assert.Equal("41m", annotations.GetProperty("nginx.ingress.kubernetes.io/proxy-body-size").GetString());
        var backend = ingress.GetProperty("spec").GetProperty("rules")[0].GetProperty("http").GetProperty("paths")[0]
            .GetProperty("backend").GetProperty("service");
        Assert.Equal(service.GetProperty("metadata").GetProperty("name").GetString(), backend.GetProperty("name").GetString());
        Assert.Equal("servicehall-tls", ingress.GetProperty("spec").GetProperty("tls")[0].GetProperty("secretName").GetString());
    }

    [SkippableFact]
    public async Task TheOrleansDashboardListensOnAPortNeitherTheServiceNorTheIngressExposes()
    {
        tools.RequireReady();
        var documents = await RenderAsync("production.yaml");
        var container = Single(documents, "Deployment").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
        var env = Env(container);
        Assert.Equal("9090", env["ServiceHall__Dashboard__Port"].GetProperty("value").GetString());
        Assert.Equal("http://+:8080;http://+:9090", env["Urls"].GetProperty("value").GetString());

        // Issue 18: the dashboard showed request traces and case ids to anyone who could reach the Ingress.
        var service = Single(documents, "Service");
        Assert.All(service.GetProperty("spec").GetProperty("ports").EnumerateArray(), port =>
        {
            Assert.Equal("http", port.GetProperty("targetPort").GetString());
            Assert.NotEqual(9090, port.GetProperty("port").GetInt32());
        });
        var paths = Single(documents, "Ingress").GetProperty("spec").GetProperty("rules").EnumerateArray()
            .SelectMany(rule => rule.GetProperty("http").GetProperty("paths").EnumerateArray());
        Assert.All(paths, path =>
        {
            var backend = path.GetProperty("backend").GetProperty("service");
            Assert.Equal(service.GetProperty("metadata").GetProperty("name").GetString(), backend.GetProperty("name").GetString());
            Assert.Equal("http", backend.GetProperty("port").GetProperty("name").GetString());
        });
    }

    [SkippableFact]
    public async Task AnExistingSecretReplacesTheChartsSecretAndOptionalPartsCanBeLeftOut()
    {
        tools.RequireReady();
        var values = await tools.ValidateValuesAsync(tools.Case("existing-secret.yaml"));
        Assert.True(values.Valid, values.Json);
        var rendered = await tools.RenderAsync(tools.Case("existing-secret.yaml"));
        Assert.True(rendered.ExitCode == 0, rendered.Errors);
        var manifests = await tools.ValidateManifestsAsync(rendered.Output);
        Assert.True(manifests.Valid, manifests.Json);

        var documents = await tools.ParseAsync(rendered.Output);
        Assert.Equal(["ConfigMap", "Deployment", "Service"], documents.Select(d => d.GetProperty("kind").GetString()!).Order().ToArray());
        var pod = Single(documents, "Deployment").GetProperty("spec").GetProperty("template").GetProperty("spec");
        Assert.False(pod.TryGetProperty("initContainers", out _));
        Assert.Equal("servicehall", pod.GetProperty("serviceAccountName").GetString());
        var env = Env(pod.GetProperty("containers")[0]);
        Assert.Equal("true", env["ServiceHall__Storage__Postgres__MigrateOnStart"].GetProperty("value").GetString());
        // Without RBAC the case turns Kubernetes hosting off, so no silo needs rights it was not given.
        Assert.Equal("false", env["ServiceHall__Cluster__Kubernetes__Enabled"].GetProperty("value").GetString());
        Assert.Equal("servicehall-prod",
            env["ServiceHall__Auth__SigningKey"].GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("name").GetString());
        // The certificate key is optional in a Secret managed elsewhere: a pod without it still starts.
        var certificateKey = env["ServiceHall__Certificates__SigningKey"].GetProperty("valueFrom").GetProperty("secretKeyRef");
        Assert.Equal(("servicehall-prod", true), (certificateKey.GetProperty("name").GetString(), certificateKey.GetProperty("optional").GetBoolean()));
    }

    [SkippableFact]
    public async Task TheDefaultsAloneAreRefusedUntilTheConnectionStringAndSigningKeyAreGiven()
    {
        tools.RequireReady();
        var values = await tools.ValidateValuesAsync();
        Assert.False(values.Valid);
        Assert.Contains("/secrets/postgresConnectionString", values.Json);
        Assert.Contains("/secrets/tokenSigningKey", values.Json);

        var rendered = await tools.RenderAsync();
        Assert.NotEqual(0, rendered.ExitCode);
        Assert.Contains("secrets.postgresConnectionString is required", rendered.Errors);
    }

    [SkippableFact]
    public async Task TheSchemaRefusesUnknownKeysBadKeysAndBadPorts()
    {
        tools.RequireReady();
        var production = tools.Case("production.yaml");
        var unknown = await tools.ValidateValuesAsync(production, tools.WriteValues("replicas: 3\n"));
        Assert.False(unknown.Valid);
        Assert.Contains("replicas", unknown.Json);

        var shortKey = await tools.ValidateValuesAsync(production, tools.WriteValues("secrets:\n  tokenSigningKey: c2hvcnQ=\n"));
        Assert.False(shortKey.Valid);
        Assert.Contains("/secrets/tokenSigningKey", shortKey.Json);

        var notPem = await tools.ValidateValuesAsync(production, tools.WriteValues("secrets:\n  certificateSigningKey: not-a-key\n"));
        Assert.False(notPem.Valid);
        Assert.Contains("/secrets/certificateSigningKey", notPem.Json);

        var bodySize = await tools.ValidateValuesAsync(production, tools.WriteValues("ingress:\n  proxyBodySize: 41 MB\n"));
        Assert.False(bodySize.Valid);
        Assert.Contains("/ingress/proxyBodySize", bodySize.Json);

        var hosting = await tools.ValidateValuesAsync(production, tools.WriteValues("cluster:\n  kubernetesHosting: \"yes\"\n"));
        Assert.False(hosting.Valid);
        Assert.Contains("/cluster/kubernetesHosting", hosting.Json);

        var port = await tools.ValidateValuesAsync(production, tools.WriteValues("cluster:\n  siloPort: 70000\n"));
        Assert.False(port.Valid);
        Assert.Contains("/cluster/siloPort", port.Json);
    }

    [SkippableFact]
    public async Task TheKubernetesSchemaCheckRejectsAManifestThatIsWrong()
    {
        tools.RequireReady();
        var rendered = await tools.RenderAsync(tools.Case("production.yaml"));
        Assert.True(rendered.ExitCode == 0, rendered.Errors);
        // Proves the manifest check is not vacuous: the same output with one port made a string must fail.
        var broken = rendered.Output.Replace("containerPort: 8080", "containerPort: http-port", StringComparison.Ordinal);
        Assert.NotEqual(rendered.Output, broken);
        var result = await tools.ValidateManifestsAsync(broken);
        Assert.False(result.Valid);
        Assert.Contains("containerPort must be integer", result.Json);
    }

    [SkippableFact]
    public async Task TheRendererOffersOnlyTheFunctionsTheChartUses()
    {
        tools.RequireReady();
        var chart = Path.Combine(tools.Scratch, "chart-" + Guid.NewGuid().ToString("N")[..8]);
        CopyFolder(ChartToolchain.ChartFolder, chart);
        await File.WriteAllTextAsync(Path.Combine(chart, "templates", "extra.yaml"), "kind: {{ upper .Chart.Name }}\n");
        var rendered = await tools.RenderChartAsync(chart, tools.Case("production.yaml"));
        Assert.NotEqual(0, rendered.ExitCode);
        Assert.Contains("\"upper\" not defined", rendered.Errors);
    }

    [SkippableFact]
    public async Task TheBackupCronJobIsOffByDefaultAndWhenEnabledDumpsTheWholeDatabaseToItsVolume()
    {
        tools.RequireReady();
        Assert.DoesNotContain(await RenderAsync("production.yaml"), d => d.GetProperty("kind").GetString() == "CronJob");

        string[] cases = [tools.Case("production.yaml"), tools.Case("backup.yaml")];
        var values = await tools.ValidateValuesAsync(cases);
        Assert.True(values.Valid, values.Json);
        var rendered = await tools.RenderAsync(cases);
        Assert.True(rendered.ExitCode == 0, rendered.Errors);
        var manifests = await tools.ValidateManifestsAsync(rendered.Output);
        Assert.True(manifests.Valid, manifests.Json);

        var cronJob = Single(await tools.ParseAsync(rendered.Output), "CronJob").GetProperty("spec");
        Assert.Equal("15 1 * * *", cronJob.GetProperty("schedule").GetString());
        Assert.Equal("Forbid", cronJob.GetProperty("concurrencyPolicy").GetString());
        var pod = cronJob.GetProperty("jobTemplate").GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = pod.GetProperty("containers")[0];
        var script = container.GetProperty("args")[0].GetString()!;
        Assert.Contains("pg_dump --format=custom", script);
        Assert.Contains("-mtime +30 -delete", script);
        var env = Env(container);
        Assert.Equal("pg.servicehall.svc", env["PGHOST"].GetProperty("value").GetString());
        Assert.Equal("5432", env["PGPORT"].GetProperty("value").GetString());
        Assert.Equal("servicehall", env["PGDATABASE"].GetProperty("value").GetString());
        var password = env["PGPASSWORD"].GetProperty("valueFrom").GetProperty("secretKeyRef");
        Assert.Equal(("servicehall-pg-backup", "password"), (password.GetProperty("name").GetString(), password.GetProperty("key").GetString()));
        var mount = container.GetProperty("volumeMounts")[0];
        var volume = pod.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == mount.GetProperty("name").GetString());
        Assert.Equal("servicehall-backups", volume.GetProperty("persistentVolumeClaim").GetProperty("claimName").GetString());
        Assert.Equal("/backups", mount.GetProperty("mountPath").GetString());

        // Switched on without saying where the database and the volume are: refused by the schema and by the templates.
        var bare = tools.WriteValues("backup:\n  enabled: true\n");
        var refused = await tools.ValidateValuesAsync(tools.Case("production.yaml"), bare);
        Assert.False(refused.Valid);
        Assert.Contains("/backup/postgres/host", refused.Json);
        Assert.Contains("/backup/persistentVolumeClaim", refused.Json);
        var failed = await tools.RenderAsync(tools.Case("production.yaml"), bare);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("backup.postgres.host is required when backup.enabled", failed.Errors);
    }

    private async Task<IReadOnlyList<JsonElement>> RenderAsync(string valuesCase)
    {
        var rendered = await tools.RenderAsync(tools.Case(valuesCase));
        Assert.True(rendered.ExitCode == 0, rendered.Errors);
        return await tools.ParseAsync(rendered.Output);
    }

    private static JsonElement Single(IEnumerable<JsonElement> documents, string kind) =>
        Assert.Single(documents, d => d.GetProperty("kind").GetString() == kind);

    private static Dictionary<string, JsonElement> Env(JsonElement container) =>
        container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
