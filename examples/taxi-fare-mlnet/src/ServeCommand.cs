using System.Globalization;
using System.Text.Json;
using Microsoft.ML;

namespace TaxiFare;

/// <summary>
/// `serve`: SageMaker's hosting contract. Loads the model from the model directory and answers GET /ping and
/// POST /invocations on the port in SAGEMAKER_BIND_TO_PORT (8080 by default), on loopback unless told otherwise.
/// </summary>
internal static class ServeCommand
{
    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    public static async Task<int> RunAsync(SageMakerPaths paths)
    {
        var ml = new MLContext();
        var model = ml.Model.Load(paths.ModelFile, out _);
        // A PredictionEngine is not thread-safe; a pool gives one per concurrent request.
        var engines = new Microsoft.Extensions.ObjectPool.DefaultObjectPool<PredictionEngine<TaxiTrip, FarePrediction>>(
            new PredictionEnginePolicy(ml, model));

        var port = Environment.GetEnvironmentVariable("SAGEMAKER_BIND_TO_PORT") ?? "8080";
        var host = Environment.GetEnvironmentVariable("SAGEMAKER_BIND_TO_HOST") ?? "127.0.0.1";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{host}:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/ping", () => Results.Ok());
        app.MapPost("/invocations", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            IReadOnlyList<TaxiTrip> trips;
            try
            {
                trips = Parse(body, request.ContentType);
            }
            catch (FormatException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }

            var engine = engines.Get();
            try
            {
                var predictions = trips.Select(t => Math.Round(engine.Predict(t).FareAmount, 2)).ToArray();
                return Results.Json(new { predictions });
            }
            finally
            {
                engines.Return(engine);
            }
        });

        Console.WriteLine($"serving on http://{host}:{port}");
        await app.RunAsync();
        return 0;
    }

    /// <summary>CSV rows (<c>vendor,passengers,miles,minutes,hour,payment</c>) or JSON <c>{"instances": [{...}]}</c>.</summary>
    internal static IReadOnlyList<TaxiTrip> Parse(string body, string? contentType)
    {
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var document = JsonSerializer.Deserialize<InstancesRequest>(body, CaseInsensitive)
                ?? throw new FormatException("the body is not a JSON object with 'instances'");
            return document.Instances;
        }

        var trips = new List<TaxiTrip>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(',');
            if (f.Length < 6)
                throw new FormatException($"a CSV row needs vendor_id,passenger_count,trip_distance_miles,trip_minutes,hour_of_day,payment_type: '{line}'");
            trips.Add(new TaxiTrip
            {
                VendorId = f[0],
                PassengerCount = Number(f[1]),
                TripDistanceMiles = Number(f[2]),
                TripMinutes = Number(f[3]),
                HourOfDay = Number(f[4]),
                PaymentType = f[5],
            });
        }

        return trips.Count > 0 ? trips : throw new FormatException("the body holds no rows");
    }

    private static float Number(string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"'{text}' is not a number");

    private sealed record InstancesRequest(List<TaxiTrip> Instances);

    private sealed class PredictionEnginePolicy(MLContext ml, ITransformer model) : Microsoft.Extensions.ObjectPool.IPooledObjectPolicy<PredictionEngine<TaxiTrip, FarePrediction>>
    {
        public PredictionEngine<TaxiTrip, FarePrediction> Create() => ml.Model.CreatePredictionEngine<TaxiTrip, FarePrediction>(model);

        public bool Return(PredictionEngine<TaxiTrip, FarePrediction> obj) => true;
    }
}
