using System.Globalization;
using System.Text;

namespace SageBuild.Benchmarks.Jsonata;

/// <summary>The expressions and the input the JSONata benchmarks share: what Step Functions states typically evaluate.</summary>
public static class JsonataWorkloads
{
    public static readonly IReadOnlyDictionary<string, string> Expressions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["path"] = "$states.input.order.customer.address.city",
        ["arithmetic"] = "($states.input.order.total * 1.2 + $states.input.order.shipping) / 2 - 1",
        ["map-filter-100"] = "$map($states.input.order.items[price > 50], function($i) { $i.price * $i.qty })",
        ["string"] = "$uppercase($substring($states.input.order.customer.name, 0, 5)) & '-' & $string($length($states.input.order.customer.name))",
    };

    /// <summary>An order with 100 line items.</summary>
    public static string InputJson { get; } = BuildInput();

    private static string BuildInput()
    {
        var items = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            if (i > 0)
                items.Append(',');
            items.Append(CultureInfo.InvariantCulture, $"{{\"sku\":\"SKU-{i}\",\"price\":{i + 0.5},\"qty\":{1 + (i % 4)}}}");
        }

        return """{"order":{"id":"o-1","total":1234.5,"shipping":9.99,"customer":{"name":"Ada Lovelace","address":{"city":"London"}},"items":[""" + items + "]}}";
    }
}
