namespace SageBuild.Tests.Engine.Jsonata;

/// <summary>
/// Generates random, mostly well-typed JSONata expressions over the documentation's invoice document, for
/// differential testing. The same seed always gives the same expressions. Division is only by non-zero literals:
/// a non-finite result is the one place the official implementation and AWS knowingly part ways.
/// </summary>
public sealed class JsonataExpressionGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] NumericPaths =
    [
        "Account.Order.Product.Price", "Account.Order.Product.Quantity", "Account.Order[0].Product[0].Price",
        "Account.Order.Product.Description.Weight", "Account.Order[1].Product.Quantity", "Account.Order.Product[Price > 30].Price",
        "Account.Order.Product.(Price * Quantity)", "**.Width", "Account.Order.Product[-1].ProductID", "Account.Order[OrderID='order103'].Product.Quantity",
    ];

    private static readonly string[] StringPaths =
    [
        "Account.Order.OrderID", "Account.Order.Product.`Product Name`", "Account.`Account Name`", "Account.Order.Product.Description.Colour",
        "Account.Order.Product.SKU", "Account.Order[0].OrderID", "Account.Order.Product[Quantity = 1].`Product Name`", "**.Colour[0]",
    ];

    private static readonly string[] ValuePaths =
    [
        "Account.Order.Product", "Account.Order[1]", "Account.Order.Product.Description", "Account.Order.Product[0]", "Account.Order.Product^(>Price)",
        "Account.Order.Product^(Quantity, >`Product Name`).SKU", "Account.Order.Product{`Product Name`: Quantity}", "Account.Order.Product.Description.*",
        "Account.Order#$i.Product[$i = 1].SKU", "Account.Order@$o.Product.{'order': $o.OrderID, 'price': Price}", "Account.Order.Product.%.OrderID",
        "Account.Order.Product[Description.Colour in ['Purple', 'Black']].ProductID", "Account.Order.Product[[0, 2]]", "Account.Order[].Product[]",
        "Account.Order.Product{Description.Colour: $sum(Price)}", "$.Account.Order.Product.%.%.`Account Name`", "Account.Order.(Product.Price)[1]",
    ];

    public string Next() => Value(3);

    private int Pick(int n) => _random.Next(n);

    private string Pick(string[] items) => items[Pick(items.Length)];

    private string Value(int depth) => Pick(4) switch
    {
        0 => Number(depth),
        1 => Text(depth),
        2 => Boolean(depth),
        _ => Structure(depth),
    };

    private string NumberLiteral() => Pick(3) switch
    {
        0 => Pick(20).ToString(CultureInfo.InvariantCulture),
        1 => (Pick(2000) / 100.0).ToString(CultureInfo.InvariantCulture),
        _ => "-" + Pick(10).ToString(CultureInfo.InvariantCulture),
    };

    private string Number(int depth)
    {
        if (depth <= 0)
            return Pick(2) == 0 ? NumberLiteral() : $"$sum({Pick(NumericPaths)})";
        return Pick(12) switch
        {
            0 => NumberLiteral(),
            1 => $"({Number(depth - 1)} + {Number(depth - 1)})",
            2 => $"({Number(depth - 1)} - {Number(depth - 1)})",
            3 => $"({Number(depth - 1)} * {Number(depth - 1)})",
            4 => $"({Number(depth - 1)} / {1 + Pick(9)})",
            5 => $"$sum({Pick(NumericPaths)})",
            6 => $"${Pick(new[] { "max", "min", "average", "count" })}({Pick(NumericPaths)})",
            7 => $"$round({Number(depth - 1)}, {Pick(4)})",
            8 => $"$length({Text(depth - 1)})",
            9 => $"$reduce({Pick(NumericPaths)}, function($a, $b) {{ $a + $b }}, {Pick(5)})",
            10 => $"({Boolean(depth - 1)} ? {Number(depth - 1)} : {Number(depth - 1)})",
            _ => $"(${"v"} := {Number(depth - 1)}; $v * {Pick(5)})",
        };
    }

    private string Text(int depth)
    {
        if (depth <= 0)
            return Pick(2) == 0 ? $"'{Pick(new[] { "hat", "Bowler", "a,b", " x ", "order" })}'" : $"$string({Pick(StringPaths)})";
        return Pick(12) switch
        {
            0 => Pick(StringPaths),
            1 => $"({Text(depth - 1)} & {Value(depth - 1)})",
            2 => $"$uppercase({Text(depth - 1)})",
            3 => $"$substring({Text(depth - 1)}, {Pick(5)}, {Pick(6)})",
            4 => $"$join({Pick(StringPaths)}, '{Pick(new[] { ",", " | ", "" })}')",
            5 => $"$string({Value(depth - 1)})",
            6 => $"$replace({Text(depth - 1)}, /[aeiou]/, '*')",
            7 => $"$formatNumber({Number(depth - 1)}, '{Pick(new[] { "#,##0.00", "0.0", "000", "#0.0#%" })}')",
            8 => $"$pad({Text(depth - 1)}, {Pick(9) - 4}, '-')",
            9 => $"$trim({Text(depth - 1)})",
            10 => $"$formatBase({Pick(500)}, {2 + Pick(30)})",
            _ => $"$split({Text(depth - 1)}, '{Pick(new[] { "o", "e", " " })}')[0]",
        };
    }

    private string Boolean(int depth)
    {
        if (depth <= 0)
            return Pick(new[] { "true", "false", "$exists(Account.Order)", "$boolean(Account.Missing)" });
        return Pick(9) switch
        {
            0 => $"({Number(depth - 1)} > {Number(depth - 1)})",
            1 => $"({Text(depth - 1)} = {Text(depth - 1)})",
            2 => $"({Boolean(depth - 1)} and {Boolean(depth - 1)})",
            3 => $"({Boolean(depth - 1)} or {Boolean(depth - 1)})",
            4 => $"$not({Value(depth - 1)})",
            5 => $"$contains({Text(depth - 1)}, '{Pick(new[] { "a", "Hat", "1" })}')",
            6 => $"({Value(depth - 1)} != {Value(depth - 1)})",
            7 => $"$exists({Pick(ValuePaths)})",
            _ => $"({Text(depth - 1)} in {Pick(StringPaths)})",
        };
    }

    private string Structure(int depth)
    {
        if (depth <= 0)
            return Pick(ValuePaths);
        return Pick(24) switch
        {
            // The official parser copies the left side of ?? and ?: through JSON, which loses a regex literal's flags
            // and pattern and can loop forever; so the left side here is a path.
            14 => $"({Pick(ValuePaths)} ?? {Value(depth - 1)})",
            15 => $"({Pick(ValuePaths)} ?: {Value(depth - 1)})",
            16 => $"$zip({Pick(NumericPaths)}, {Pick(StringPaths)})",
            17 => $"$spread({Pick(ValuePaths)})",
            18 => $"$sift(Account.Order[0].Product[0], function($v, $k) {{ $contains($k, '{Pick(new[] { "Product", "SKU", "e" })}') }})",
            19 => $"({Pick(ValuePaths)}) ~> | $ | {{'extra': {Value(depth - 1)}}}, ['Description'] |",
            // A partial application of a built-in: the argument is a string, since the reference implementation skips
            // the signature check of partially applied built-ins (SageBuild keeps it).
            20 => $"($f := $substring(?, {Pick(3)}, ?); $f($string({Text(depth - 1)}), {Pick(4)}))",
            21 => $"({Pick(StringPaths)} ~> $map($uppercase) ~> $distinct())",
            22 => $"$lookup({Pick(ValuePaths)}, '{Pick(new[] { "Price", "SKU", "Colour", "OrderID" })}')",
            23 => $"$match({Text(depth - 1)}, /([a-z])([0-9]?)/i, {Pick(3)}).groups",
            0 => Pick(ValuePaths),
            1 => $"[{Value(depth - 1)}, {Value(depth - 1)}]",
            2 => $"{{'a': {Value(depth - 1)}, 'b': {Value(depth - 1)}}}",
            3 => $"$map({Pick(NumericPaths)}, function($v, $i) {{ $v * $i + {Pick(3)} }})",
            4 => $"$filter(Account.Order.Product, function($p) {{ $p.Price > {Pick(120)} }}).SKU",
            5 => $"$sort({Pick(NumericPaths)})",
            6 => $"$reverse({Pick(StringPaths)})",
            7 => $"$distinct({Pick(StringPaths)})",
            8 => $"$keys({Pick(ValuePaths)})",
            9 => $"$append({Value(depth - 1)}, {Value(depth - 1)})",
            10 => $"[{Pick(5)}..{Pick(9)}].($ * {Pick(4)})",
            11 => $"{Pick(ValuePaths)} ~> $count()",
            12 => $"$merge([{{'x': {Value(depth - 1)}}}, {{'y': {Pick(5)}}}])",
            _ => $"Account.Order.Product.{{'n': `Product Name`, 't': Price * Quantity}}[t > {Pick(100)}]",
        };
    }
}
