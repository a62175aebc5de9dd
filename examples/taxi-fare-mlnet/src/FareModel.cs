using Microsoft.ML;
using Microsoft.ML.Data;

namespace TaxiFare;

/// <summary>Builds, trains and evaluates the fare model.</summary>
internal static class FareModel
{
    private static readonly Dictionary<string, string> ColumnOf = new(StringComparer.Ordinal)
    {
        ["vendor_id"] = nameof(TaxiTrip.VendorId),
        ["passenger_count"] = nameof(TaxiTrip.PassengerCount),
        ["trip_distance_miles"] = nameof(TaxiTrip.TripDistanceMiles),
        ["trip_minutes"] = nameof(TaxiTrip.TripMinutes),
        ["hour_of_day"] = nameof(TaxiTrip.HourOfDay),
        ["payment_type"] = nameof(TaxiTrip.PaymentType),
    };

    private static readonly HashSet<string> Categorical = [nameof(TaxiTrip.VendorId), nameof(TaxiTrip.PaymentType)];

    public static IDataView Load(MLContext ml, string channelDir)
    {
        var files = Directory.GetFiles(channelDir, "*.csv");
        if (files.Length == 0)
            throw new FileNotFoundException($"no CSV file in the channel directory '{channelDir}'");
        return ml.Data.CreateTextLoader<TaxiTrip>(separatorChar: ',', hasHeader: true).Load(new MultiFileSource(files));
    }

    public static ITransformer Train(MLContext ml, IDataView data, Hyperparameters hp)
    {
        var columns = hp.Features.Select(f => ColumnOf[f]).ToArray();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        var featureColumns = new List<string>();
        foreach (var column in columns)
        {
            if (Categorical.Contains(column))
            {
                pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(column + "Encoded", column));
                featureColumns.Add(column + "Encoded");
            }
            else
            {
                featureColumns.Add(column);
            }
        }

        var trainer = ml.Regression.Trainers.FastTree(
            numberOfLeaves: hp.NumberOfLeaves,
            numberOfTrees: hp.NumberOfTrees,
            learningRate: hp.LearningRate);
        var estimator = pipeline
            .Append(ml.Transforms.Concatenate("Features", [.. featureColumns]))
            .Append(trainer);
        return estimator.Fit(data);
    }

    public static RegressionMetrics Evaluate(MLContext ml, ITransformer model, IDataView data) =>
        ml.Regression.Evaluate(model.Transform(data));
}
