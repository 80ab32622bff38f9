namespace ServiceHall.Grains.Organisation;

// Placeholder until the organisation branch lands: lookups over the configured halls and staff.
public sealed class OrganisationDirectory(OrganisationOptions options)
{
    public IReadOnlyList<Hall> Halls => options.Halls;

    public Hall? FindHall(string code) =>
        options.Halls.FirstOrDefault(h => string.Equals(h.Code, code, StringComparison.OrdinalIgnoreCase));

    public Window? FindWindow(string hall, string window) =>
        FindHall(hall)?.Windows.FirstOrDefault(w => string.Equals(w.Code, window, StringComparison.OrdinalIgnoreCase));

    public StaffAccount? FindStaff(string username) =>
        options.Staff.FirstOrDefault(s => string.Equals(s.Username, username, StringComparison.OrdinalIgnoreCase));

    public bool CheckPassword(StaffAccount account, string password) =>
        account.Password is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(account.Password), System.Text.Encoding.UTF8.GetBytes(password));
}
