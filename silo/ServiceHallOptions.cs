using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Silo;

/// <summary>The <c>ServiceHall</c> configuration section: what the host composes and where it keeps things.</summary>
public sealed class ServiceHallOptions
{
    public const string SectionName = "ServiceHall";

    /// <summary>Folder for the embedded database and kept secrets; relative paths start at the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    public StorageSettings Storage { get; set; } = new();

    public ClusterSettings Cluster { get; set; } = new();

    public TelemetrySettings Telemetry { get; set; } = new();

    public AuthSettings Auth { get; set; } = new();

    public CertificateSettings Certificates { get; set; } = new();

    /// <summary>
    /// Demo mode: the published demo staff (ARCHITECTURE §5) and plain-text passwords in configuration. Unset means on
    /// in the Development environment (<c>dotnet run --project silo</c>) and off everywhere else.
    /// </summary>
    public bool? Demo { get; set; }

    public DashboardSettings Dashboard { get; set; } = new();

    public string DataFolderPath => Path.GetFullPath(DataFolder);

    public bool IsDemo(IHostEnvironment environment) => Demo ?? environment.IsDevelopment();
}

public enum StorageMode
{
    /// <summary>One silo, localhost clustering, grain state and reminders in a SQLite file: nothing to install.</summary>
    Embedded,

    /// <summary>Clustering, grain state and reminders in PostgreSQL: several silos, production.</summary>
    Postgres,
}

public sealed class StorageSettings
{
    public StorageMode Mode { get; set; } = StorageMode.Embedded;

    /// <summary>
    /// Concurrent commands of different cases on one silo share one transaction and commit when they arrive together
    /// (each acknowledged only after its commit; a conflict fails only its own command). See docs/benchmarks.md.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public PostgresStorageOptions Postgres { get; set; } = new();
}

public sealed class ClusterSettings
{
    /// <summary>Keys every stored row; fixed, or a redeployed cluster would no longer see its own data.</summary>
    public string ServiceId { get; set; } = "servicehall";

    public string ClusterId { get; set; } = "servicehall";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos reach this one at (PostgreSQL mode); empty picks the host's own address.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Listen on every interface while advertising one address (needed behind container networking).</summary>
    public bool ListenOnAnyHostAddress { get; set; } = true;

    public KubernetesSettings Kubernetes { get; set; } = new();

    /// <summary>
    /// Warm the case paths up before the silo becomes an active member (<c>SiloWarmUp</c>): placement sees only active
    /// silos, so new case grains never land on a cold one. Off starts a few seconds sooner and joins cold.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}

public sealed class KubernetesSettings
{
    /// <summary>Use Orleans' Kubernetes hosting (pod name, pod IP, defunct-pod clean-up); only inside a pod.</summary>
    public bool Enabled { get; set; }

    /// <summary>Let a silo delete the pods of silos the cluster declared dead, so Kubernetes replaces them at once.</summary>
    public bool DeleteDefunctSiloPods { get; set; } = true;
}

public sealed class TelemetrySettings
{
    /// <summary><c>none</c> (default), <c>otlp</c> (endpoint from the standard OTEL_EXPORTER_OTLP_* variables) or <c>console</c>.</summary>
    public string MetricsExporter { get; set; } = "none";

    /// <summary>
    /// <c>none</c> (default), <c>otlp</c> or <c>console</c>: spans from the HTTP request through the grain calls to the
    /// PostgreSQL commands and the live push, each case's spans carrying its id (<c>servicehall.case.id</c>).
    /// </summary>
    public string TracesExporter { get; set; } = "none";
}

public sealed class DashboardSettings
{
    /// <summary>
    /// Off removes the Orleans dashboard altogether: its page, its profiler wrapped around every grain call and the meter
    /// provider it runs inside the silo, which observes every Orleans gauge each second whether anyone looks or not (in
    /// PostgreSQL mode that walks the grain-directory cache: 3-4 % of the silo's CPU under load, issue 20). On by default.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The live trace of every grain call (it shows request data such as tracking codes): off unless needed.</summary>
    public bool Trace { get; set; }

    /// <summary>When set, the dashboard answers only on this port (kept off the public Service/Ingress), not on the others.</summary>
    public int? Port { get; set; }
}

public sealed class AuthSettings
{
    /// <summary>Base64 token-signing key of at least 32 bytes; required in PostgreSQL mode, generated and kept in the data folder otherwise.</summary>
    public string? SigningKey { get; set; }
}

public sealed class CertificateSettings
{
    /// <summary>
    /// The hall's ECDSA P-256 certificate-signing key: PEM or base64 PKCS#8. Generated and kept in the data folder in
    /// embedded mode; configure it (the same on every silo) in PostgreSQL mode.
    /// </summary>
    public string? SigningKey { get; set; }
}
