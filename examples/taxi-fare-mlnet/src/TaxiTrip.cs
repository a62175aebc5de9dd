using Microsoft.ML.Data;

namespace TaxiFare;

/// <summary>One row of the data set; the column order is the CSV's.</summary>
public sealed class TaxiTrip
{
    [LoadColumn(0)]
    public string VendorId { get; set; } = "";

    [LoadColumn(1)]
    public float PassengerCount { get; set; }

    [LoadColumn(2)]
    public float TripDistanceMiles { get; set; }

    [LoadColumn(3)]
    public float TripMinutes { get; set; }

    [LoadColumn(4)]
    public float HourOfDay { get; set; }

    [LoadColumn(5)]
    public string PaymentType { get; set; } = "";

    [LoadColumn(6)]
    [ColumnName("Label")]
    public float FareAmount { get; set; }
}

/// <summary>The model's answer.</summary>
public sealed class FarePrediction
{
    [ColumnName("Score")]
    public float FareAmount { get; set; }
}
