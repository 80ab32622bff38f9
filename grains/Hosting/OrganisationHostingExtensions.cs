using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Grains.Hosting;

public static class OrganisationHostingExtensions
{
    /// <summary>
    /// Binds <see cref="OrganisationOptions"/> from <paramref name="section"/> (normally
    /// <see cref="OrganisationOptions.SectionName"/>) and registers the <see cref="OrganisationDirectory"/> singleton;
    /// <paramref name="includeDemoStaff"/> adds the demo accounts (embedded mode).
    /// </summary>
    public static IServiceCollection AddServiceHallOrganisation(
        this IServiceCollection services, IConfiguration section, bool includeDemoStaff)
    {
        services.AddOptions<OrganisationOptions>().Bind(section);
        services.AddSingleton(provider => new OrganisationDirectory(
            provider.GetRequiredService<IOptions<OrganisationOptions>>().Value, includeDemoStaff));
        return services;
    }
}
