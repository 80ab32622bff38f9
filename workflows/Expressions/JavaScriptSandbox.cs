using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using JintJsonParser = Jint.Native.Json.JsonParser;
using JintJsonSerializer = Jint.Native.Json.JsonSerializer;

namespace ServiceHall.Workflows.Expressions;

/// <summary>What a script sees: workflow variables (which it may change), the workflow input and a fixed clock.</summary>
/// <param name="Variables">Read as JSON text; replaced by the script's values only when the script succeeds.</param>
public sealed record ScriptGlobals(IDictionary<string, JsonNode?> Variables, JsonObject Input, DateTimeOffset Now, uint RandomSeed);

/// <summary>Evaluates JavaScript through Jint with no access to the host and with deterministic time and randomness.</summary>
/// <remarks>
/// Values cross the boundary only as JSON text, so no CLR object is ever reachable from a script, even by
/// reflection tricks. CLR interop and string compilation (<c>eval</c>, <c>Function</c>) are switched off.
/// </remarks>
public sealed class JavaScriptSandbox(ScriptLimits limits)
{
    // Math.random is replaced by a small seeded generator (mulberry32) so a rerun yields the same numbers.
    private const string Prelude = """
        (function (seed) {
          var state = seed >>> 0;
          Math.random = function () {
            state = (state + 0x6D2B79F5) >>> 0;
            var t = state;
            t = Math.imul(t ^ (t >>> 15), t | 1);
            t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
          };
        })(__seed);
        // The built-ins that build one long string in a single call, where the memory limit (checked between
        // statements) comes too late: each checks the length it would produce first.
        (function (max) {
          function guard(length) {
            if (length > max) { throw new RangeError('Invalid string length: more than ' + max + ' characters'); }
          }
          function define(owner, name, value) {
            Object.defineProperty(owner, name, { value: value, writable: true, configurable: true, enumerable: false });
          }
          var repeat = String.prototype.repeat, padStart = String.prototype.padStart,
              padEnd = String.prototype.padEnd, join = Array.prototype.join;
          define(String.prototype, 'repeat', function repeat_(count) {
            guard(String(this).length * Math.max(0, Math.floor(Number(count)) || 0));
            return repeat.call(this, count);
          });
          define(String.prototype, 'padStart', function padStart_(length, fill) {
            guard(Math.floor(Number(length)) || 0);
            return padStart.call(this, length, fill);
          });
          define(String.prototype, 'padEnd', function padEnd_(length, fill) {
            guard(Math.floor(Number(length)) || 0);
            return padEnd.call(this, length, fill);
          });
          define(Array.prototype, 'join', function join_(separator) {
            var length = this.length >>> 0, sep = separator === undefined ? ',' : String(separator);
            var total = length > 0 ? (length - 1) * sep.length : 0;
            guard(total);
            for (var i = 0; i < length; i++) {
              var item = this[i];
              if (item !== undefined && item !== null) { total += String(item).length; guard(total); }
            }
            return join.call(this, separator);
          });
        })(__maxStringLength);
        function getVariable(name) { return variables[name]; }
        function setVariable(name, value) { variables[name] = value; }
        function getInput(name) { return input[name]; }
        """;

    // Parsed once for every engine: the prelude is fixed text (no regular expression literal, whose timeout would be
    // fixed at parse time rather than by the engine's limit), and parsing it was most of the cost of a short script.
    private static readonly Prepared<Script> PreparedPrelude = Engine.PrepareScript(Prelude);

    public static readonly JavaScriptSandbox Default = new(ScriptLimits.Default);

    /// <summary>Runs <paramref name="script"/> and returns its value as JSON; variable changes are written back.</summary>
    /// <exception cref="ExpressionException">The script failed, was stopped by a limit, or returned something not JSON.</exception>
    public JsonNode? Evaluate(string script, ScriptGlobals globals)
    {
        // Most definition scripts are one line reading the input: answered without an engine, with the same result.
        if (ScriptShortcut.TryEvaluate(script, globals, limits.MaxStringLength, out var shortcut))
        {
            return shortcut;
        }

        return EvaluateInEngine(script, globals);
    }

    /// <summary>The script run by a fresh sandboxed engine (the shortcut's tests compare against this).</summary>
    internal JsonNode? EvaluateInEngine(string script, ScriptGlobals globals)
    {
        try
        {
            var engine = CreateEngine(globals.Now);
            var parser = new JintJsonParser(engine);
            engine.SetValue("variables", parser.Parse(ObjectText(globals.Variables)));
            engine.SetValue("input", parser.Parse(globals.Input.ToJsonString()));
            engine.SetValue("__seed", globals.RandomSeed);
            engine.SetValue("__maxStringLength", limits.MaxStringLength);
            engine.Execute(in PreparedPrelude);

            var result = engine.Evaluate(script);
            var variables = ToJson(engine, engine.GetValue("variables")) as JsonObject
                ?? throw new ExpressionException("The script replaced 'variables' with something that is not an object.");
            var value = ToJson(engine, result);

            globals.Variables.Clear();
            foreach (var (name, node) in variables.ToList())
            {
                variables.Remove(name);
                globals.Variables[name] = node;
            }

            return value;
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (Exception ex) when (ex is JintException or TimeoutException or OperationCanceledException or JsonException)
        {
            throw new ExpressionException($"Script stopped: {Describe(ex)}", ex);
        }
    }

    /// <summary>The parse error of a script, or null when it compiles.</summary>
    public static string? CompileError(string script)
    {
        try
        {
            Engine.PrepareScript(script);
            return null;
        }
        catch (Exception ex) when (ex is JintException or Acornima.ParseErrorException)
        {
            return ex.Message;
        }
    }

    private Engine CreateEngine(DateTimeOffset now) => new(options =>
    {
        options.MaxStatements(limits.MaxStatements);
        options.TimeoutInterval(limits.EffectiveTimeout);
        options.LimitMemory(limits.MaxMemoryBytes);
        options.LimitRecursion(limits.MaxRecursionDepth);
        options.MaxArraySize(limits.MaxArraySize);
        options.RegexTimeoutInterval(limits.EffectiveRegexTimeout);
        options.Interop.Enabled = false;
        options.Host.StringCompilationAllowed = false;
        options.TimeSystem = new FixedTimeSystem(now);
        options.TimeZone = TimeZoneInfo.Utc;
        options.Culture = CultureInfo.InvariantCulture;
    });

    // The variables as one JSON object, written straight from the dictionary: gathering them under a JsonObject first
    // would need a copy of each (a node has one parent, and these belong to the workflow state).
    private static string ObjectText(IDictionary<string, JsonNode?> variables)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in variables)
            {
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonNode? ToJson(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        var text = new JintJsonSerializer(engine).Serialize(value);
        return text.IsUndefined() ? null : JsonNode.Parse(text.AsString());
    }

    private static string Describe(Exception ex) => ex switch
    {
        Jint.Runtime.StatementsCountOverflowException => "it ran too many statements (endless loop?)",
        System.Text.RegularExpressions.RegexMatchTimeoutException => "a regular expression ran out of time",
        TimeoutException => "it ran out of time (endless loop?)",
        Jint.Runtime.MemoryLimitExceededException => "it used too much memory",
        Jint.Runtime.RecursionDepthOverflowException => "it recursed too deeply",
        _ => ex.Message,
    };

    /// <summary>A clock frozen at the stimulus time, so <c>new Date()</c> inside scripts is reproducible.</summary>
    private sealed class FixedTimeSystem(DateTimeOffset now)
        : Jint.Runtime.DefaultTimeSystem(TimeZoneInfo.Utc, CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
