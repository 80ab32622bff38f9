using System.Text;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Silo;

/// <summary>
/// <c>dotnet ServiceHall.Silo.dll hash-password</c>: reads a password (typed without echo, or one line from standard
/// input) and prints the hash to configure as <c>ServiceHall:Organisation:Staff:N:PasswordHash</c>. Never from the
/// command line, which shell histories and process lists would keep.
/// </summary>
internal static class HashPasswordCommand
{
    public const string Name = "hash-password";

    public static int Run()
    {
        string? password;
        if (Console.IsInputRedirected)
        {
            password = Console.In.ReadLine();
        }
        else
        {
            password = Prompt("Password: ");
            if (Prompt("Again: ") != password)
            {
                Console.Error.WriteLine("The two passwords differ.");
                return 2;
            }
        }

        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("An empty password cannot be hashed.");
            return 2;
        }

        Console.Out.WriteLine(StaffPasswordHash.Hash(password));
        return 0;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
