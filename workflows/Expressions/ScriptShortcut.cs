using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;

namespace ServiceHall.Workflows.Expressions;

/// <summary>
/// Answers the one-line scripts definitions are mostly made of — <c>getInput('hall') || null</c>,
/// <c>(getInput('timeLimitDays') || 20) + '.00:00:00'</c>, <c>[getInput('department')]</c> — without starting a script
/// engine, which costs far more than the expression (a fresh sandboxed engine, its prelude, the variables and input
/// parsed into it, the answer serialised back). Only a small side-effect-free subset is taken: literals,
/// <c>getInput</c>/<c>getVariable</c> of a literal name, <c>||</c> <c>&amp;&amp;</c> <c>??</c> <c>!</c>
/// <c>===</c> <c>!==</c>, <c>+</c> and array literals; whenever a value would need a JavaScript rule this class does
/// not reproduce exactly (a fraction turned into text, an object from the input, an inherited property name), it
/// declines and the engine runs the script as before, so every answer is the one the engine would give.
/// </summary>
internal static class ScriptShortcut
{
    // Parsed scripts by text; null marks a script outside the subset. Definitions are few, so this stays small; the
    // bound only guards against a flood of distinct scripts.
    private static readonly ConcurrentDictionary<string, Expression?> Parsed = new(StringComparer.Ordinal);
    private const int MaxCached = 4096;

    // Names a JavaScript object inherits from Object.prototype: reading a missing one is not undefined.
    private static readonly HashSet<string> Inherited = new(StringComparer.Ordinal)
    {
        "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString",
        "valueOf", "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
    };

    // Integers up to this size print the same in JavaScript and .NET and add exactly.
    private const double MaxExactInteger = 9007199254740991d;

    /// <summary>True when the script was answered here; <paramref name="value"/> is then what the engine would return.</summary>
    public static bool TryEvaluate(string script, ScriptGlobals globals, int maxStringLength, out JsonNode? value)
    {
        value = null;
        var expression = Parse(script);
        if (expression is null)
        {
            return false;
        }

        var result = new Evaluation(globals, maxStringLength).Evaluate(expression);
        if (result.Kind == Kind.Decline || !TryWriteJson(result, out var json))
        {
            return false;
        }

        value = json is null ? null : JsonNode.Parse(json);
        return true;
    }

    private static Expression? Parse(string script)
    {
        if (Parsed.TryGetValue(script, out var known))
        {
            return known;
        }

        Expression? expression = null;
        try
        {
            var program = Engine.PrepareScript(script).Program!;
            if (program.Body is [ExpressionStatement statement] && InSubset(statement.Expression))
            {
                expression = statement.Expression;
            }
        }
        catch (Exception)
        {
            // Leave the error to the engine, which reports it as the script's failure.
        }

        if (Parsed.Count < MaxCached)
        {
            Parsed.TryAdd(script, expression);
        }

        return expression;
    }

    private static bool InSubset(Node? node) => node switch
    {
        StringLiteral or NumericLiteral or BooleanLiteral or NullLiteral => true,
        CallExpression { Optional: false, Callee: Identifier { Name: "getInput" or "getVariable" }, Arguments: [StringLiteral] } => true,
        LogicalExpression logical => InSubset(logical.Left) && InSubset(logical.Right),
        NonLogicalBinaryExpression { Operator: Operator.Addition or Operator.StrictEquality or Operator.StrictInequality } binary =>
            InSubset(binary.Left) && InSubset(binary.Right),
        NonUpdateUnaryExpression { Operator: Operator.LogicalNot } unary => InSubset(unary.Argument),
        ArrayExpression array => array.Elements.All(e => e is not null and not SpreadElement && InSubset(e)),
        _ => false,
    };

    private enum Kind { Undefined, Null, Boolean, Number, String, Array, Decline }

    private readonly record struct Value(Kind Kind, string? Text = null, double Number = 0, bool Flag = false, List<Value>? Items = null)
    {
        public static readonly Value Undefined = new(Kind.Undefined);
        public static readonly Value Null = new(Kind.Null);
        public static readonly Value Decline = new(Kind.Decline);

        public bool IsTruthy => Kind switch
        {
            Kind.Undefined or Kind.Null => false,
            Kind.Boolean => Flag,
            Kind.Number => Number != 0 && !double.IsNaN(Number),
            Kind.String => Text!.Length > 0,
            _ => true,
        };
    }

    private readonly struct Evaluation(ScriptGlobals globals, int maxStringLength)
    {
        public Value Evaluate(Node node) => node switch
        {
            StringLiteral text => new Value(Kind.String, Text: text.Value),
            NumericLiteral number => new Value(Kind.Number, Number: number.Value),
            BooleanLiteral flag => new Value(Kind.Boolean, Flag: flag.Value),
            NullLiteral => Value.Null,
            CallExpression { Callee: Identifier callee, Arguments: [StringLiteral name] } =>
                callee.Name == "getInput" ? Read(globals.Input.TryGetPropertyValue(name.Value, out var input), input, name.Value)
                : Read(globals.Variables.TryGetValue(name.Value, out var variable), variable, name.Value),
            LogicalExpression logical => Logical(logical),
            NonLogicalBinaryExpression binary => Binary(binary),
            NonUpdateUnaryExpression unary => Evaluate(unary.Argument) is { Kind: not Kind.Decline } operand
                ? new Value(Kind.Boolean, Flag: !operand.IsTruthy) : Value.Decline,
            ArrayExpression array => Array(array),
            _ => Value.Decline,
        };

        private Value Logical(LogicalExpression logical)
        {
            var left = Evaluate(logical.Left);
            if (left.Kind == Kind.Decline)
            {
                return left;
            }

            var takeLeft = logical.Operator switch
            {
                Operator.LogicalOr => left.IsTruthy,
                Operator.LogicalAnd => !left.IsTruthy,
                Operator.NullishCoalescing => left.Kind is not (Kind.Undefined or Kind.Null),
                _ => (bool?)null,
            };
            return takeLeft switch
            {
                true => left,
                false => Evaluate(logical.Right),
                null => Value.Decline,
            };
        }

        private Value Binary(NonLogicalBinaryExpression binary)
        {
            var left = Evaluate(binary.Left);
            var right = Evaluate(binary.Right);
            if (left.Kind == Kind.Decline || right.Kind == Kind.Decline)
            {
                return Value.Decline;
            }

            return binary.Operator switch
            {
                Operator.Addition => Add(left, right),
                Operator.StrictEquality => StrictlyEqual(left, right) is { } same ? new Value(Kind.Boolean, Flag: same) : Value.Decline,
                Operator.StrictInequality => StrictlyEqual(left, right) is { } same ? new Value(Kind.Boolean, Flag: !same) : Value.Decline,
                _ => Value.Decline,
            };
        }

        private Value Add(Value left, Value right)
        {
            if (left.Kind == Kind.String || right.Kind == Kind.String)
            {
                if (AsText(left) is not { } a || AsText(right) is not { } b || a.Length + (long)b.Length > maxStringLength)
                {
                    return Value.Decline;
                }

                return new Value(Kind.String, Text: a + b);
            }

            if (left.Kind == Kind.Number && right.Kind == Kind.Number && IsExactInteger(left.Number) && IsExactInteger(right.Number)
                && IsExactInteger(left.Number + right.Number))
            {
                return new Value(Kind.Number, Number: left.Number + right.Number);
            }

            return Value.Decline;
        }

        private static bool? StrictlyEqual(Value left, Value right)
        {
            if (left.Kind == Kind.Array || right.Kind == Kind.Array)
            {
                // Identity of objects: not modelled.
                return null;
            }

            if (left.Kind != right.Kind)
            {
                return false;
            }

            return left.Kind switch
            {
                Kind.Undefined or Kind.Null => true,
                Kind.Boolean => left.Flag == right.Flag,
                Kind.Number => left.Number == right.Number,
                Kind.String => string.Equals(left.Text, right.Text, StringComparison.Ordinal),
                _ => null,
            };
        }

        private Value Array(ArrayExpression array)
        {
            var items = new List<Value>(array.Elements.Count);
            foreach (var element in array.Elements)
            {
                var item = Evaluate(element!);
                if (item.Kind is Kind.Decline or Kind.Array)
                {
                    return Value.Decline;
                }

                items.Add(item);
            }

            return new Value(Kind.Array, Items: items);
        }

        /// <summary>A property of the variables or input as the script sees it after they crossed as JSON.</summary>
        private static Value Read(bool present, JsonNode? node, string name)
        {
            if (!present)
            {
                return Inherited.Contains(name) ? Value.Decline : Value.Undefined;
            }

            if (node is not JsonValue scalar)
            {
                // null stays null; objects and arrays would need JavaScript's property order and identity.
                return node is null ? Value.Null : Value.Decline;
            }

            switch (scalar.GetValueKind())
            {
                case JsonValueKind.String when scalar.TryGetValue(out string? text):
                    return new Value(Kind.String, Text: text);
                case JsonValueKind.True:
                    return new Value(Kind.Boolean, Flag: true);
                case JsonValueKind.False:
                    return new Value(Kind.Boolean, Flag: false);
                case JsonValueKind.Number when double.TryParse(scalar.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && double.IsFinite(number):
                    return new Value(Kind.Number, Number: number);
                default:
                    return Value.Decline;
            }
        }
    }

    /// <summary>JavaScript's ToString for the values the shortcut prints exactly; null when it does not.</summary>
    private static string? AsText(Value value) => value.Kind switch
    {
        Kind.String => value.Text,
        Kind.Number when IsExactInteger(value.Number) => IntegerText(value.Number),
        Kind.Boolean => value.Flag ? "true" : "false",
        Kind.Null => "null",
        Kind.Undefined => "undefined",
        _ => null,
    };

    private static bool IsExactInteger(double number) => Math.Abs(number) <= MaxExactInteger && Math.Floor(number) == number;

    // -0 prints as 0 in JavaScript, as in JSON.stringify.
    private static string IntegerText(double number) => ((long)number).ToString(CultureInfo.InvariantCulture);

    /// <summary>The result as JSON.stringify writes it (null for undefined and null, as the engine path returns).</summary>
    private static bool TryWriteJson(Value value, out string? json)
    {
        json = null;
        switch (value.Kind)
        {
            case Kind.Undefined or Kind.Null:
                return true;
            case Kind.Array:
                var parts = new List<string>(value.Items!.Count);
                foreach (var item in value.Items)
                {
                    // Inside an array, undefined is written as null.
                    if (item.Kind is Kind.Undefined or Kind.Null)
                    {
                        parts.Add("null");
                    }
                    else if (Scalar(item) is { } text)
                    {
                        parts.Add(text);
                    }
                    else
                    {
                        return false;
                    }
                }

                json = "[" + string.Join(",", parts) + "]";
                return true;
            default:
                json = Scalar(value);
                return json is not null;
        }
    }

    private static string? Scalar(Value value) => value.Kind switch
    {
        Kind.String => JsonSerializer.Serialize(value.Text),
        Kind.Boolean => value.Flag ? "true" : "false",
        Kind.Number when IsExactInteger(value.Number) => IntegerText(value.Number),
        _ => null,
    };
}
